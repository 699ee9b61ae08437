"""Imported BKT parameters as the engine's priors for the standards they describe.

Content packages (OATutor's `bkt-params`) name skills; the importer maps them onto
standards and hands them here. They go into the active engine model's BKT table
(a BKT model, or the BKT inside the hybrid one), keyed by standard id as the engine's
skills are, for the standards the model has not fitted from the log itself: a refit
from real answers wins. With no active model yet, a BKT model holding them becomes
the active one. A refit (`learnloop fit`) carries them over for the standards it found
no answers for (`carry_imported_priors`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from learnloop.engine.tracing import BKT, BKTParams
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import EngineModel

IMPORTED = "imported_priors"


def bkt_params_from_oatutor(values: Mapping[str, float]) -> BKTParams:
    """OATutor's probMastery/probTransit/probSlip/probGuess as engine BKT parameters."""
    default = BKTParams()
    return BKTParams(
        prior=values.get("probMastery", default.prior),
        learn=values.get("probTransit", default.learn),
        guess=values.get("probGuess", default.guess),
        slip=values.get("probSlip", default.slip),
    )


@transaction.atomic
def set_skill_priors(*, priors: Mapping[int, BKTParams]) -> int:
    """Put `priors` (standard id -> parameters) into the active model; how many were set."""
    if not priors:
        return 0
    stored = EngineModel.objects.select_for_update().filter(active=True).first()
    if stored is None:
        stored = EngineModel(
            name="bkt", params=BKT().params(), fitted_at=timezone.now(), responses_used=0
        )
    table = _bkt_table(stored.params)
    if table is None:
        return 0
    imported = set(stored.params.get(IMPORTED, []))
    written = 0
    for standard_id, params in priors.items():
        key = str(standard_id)
        if key in table["skills"] and key not in imported:
            continue
        table["skills"][key] = params.to_dict()
        imported.add(key)
        written += 1
    stored.params[IMPORTED] = sorted(imported, key=int)
    stored.save()
    forget_cached_model()
    return written


def _bkt_table(params: dict[str, Any]) -> dict[str, Any] | None:
    if params.get("model") == "bkt":
        return params
    nested = params.get("bkt")
    if isinstance(nested, dict) and nested.get("model") == "bkt":
        return nested
    return None


def carry_imported_priors(
    previous: dict[str, Any] | None, fitted: dict[str, Any]
) -> dict[str, Any]:
    """`fitted` params plus the previous model's imported priors the fit had no answers for."""
    if previous is None:
        return fitted
    old, new = _bkt_table(previous), _bkt_table(fitted)
    if old is None or new is None:
        return fitted
    kept = [
        key
        for key in previous.get(IMPORTED, [])
        if key in old["skills"] and key not in new["skills"]
    ]
    for key in kept:
        new["skills"][key] = old["skills"][key]
    if kept:
        fitted[IMPORTED] = kept
    return fitted
