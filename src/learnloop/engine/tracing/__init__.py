"""Learner models behind one Protocol (`LearnerModel`), and a registry by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from learnloop.engine.fitting.bkt_em import EMSettings
from learnloop.engine.tracing.base import (
    LearnerModel,
    Observation,
    SkillState,
    StudentState,
    TraceState,
)
from learnloop.engine.tracing.bkt import BKT, BKTParams
from learnloop.engine.tracing.elo import Elo
from learnloop.engine.tracing.hybrid import HybridKT
from learnloop.engine.tracing.logistic import PFA, BestLR
from learnloop.engine.tracing.relational import RelationalKT

DEFAULT_MODEL = "hybrid"

MODELS: dict[str, Callable[[], LearnerModel]] = {
    "bkt": BKT,
    "bkt-forget": lambda: BKT(EMSettings(fit_forgetting=True)),
    "pfa": PFA,
    "best-lr": BestLR,
    "elo": Elo,
    "hybrid": HybridKT,
    "relational": RelationalKT,
}

_LOADERS: dict[str, Callable[[dict[str, Any]], LearnerModel]] = {
    "bkt": BKT.from_params,
    "pfa": PFA.from_params,
    "best-lr": BestLR.from_params,
    "elo": Elo.from_params,
    "hybrid": HybridKT.from_params,
    "relational": RelationalKT.from_params,
}


def make_model(name: str = DEFAULT_MODEL) -> LearnerModel:
    """A fresh, unfitted model by registry name."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")
    return MODELS[name]()


def load_model(params: dict[str, Any]) -> LearnerModel:
    """A fitted model back from its `params()` dict (as stored in the database)."""
    return _LOADERS[params["model"]](params)


__all__ = [
    "BKT",
    "DEFAULT_MODEL",
    "MODELS",
    "PFA",
    "BKTParams",
    "BestLR",
    "Elo",
    "HybridKT",
    "LearnerModel",
    "Observation",
    "RelationalKT",
    "SkillState",
    "StudentState",
    "TraceState",
    "load_model",
    "make_model",
]
