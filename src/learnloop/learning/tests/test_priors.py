"""Imported BKT priors: the active model takes them, and a refit keeps those it cannot fit."""

from __future__ import annotations

import pytest

from learnloop.demo.seed_synthetic import seed_synthetic
from learnloop.engine.tracing import BKTParams
from learnloop.learning.engine_state import active_model, forget_cached_model
from learnloop.learning.fitting import fit_engine_model
from learnloop.learning.models import EngineModel, Response
from learnloop.learning.priors import IMPORTED, set_skill_priors
from learnloop.standards.models import Framework, Standard

pytestmark = pytest.mark.django_db
PRIOR = BKTParams(prior=0.31, learn=0.17, guess=0.23, slip=0.07)


def test_a_refit_keeps_imported_priors_only_for_standards_without_answers() -> None:
    forget_cached_model()
    seed_synthetic(students=20, responses=600, seed=5, progress=lambda _: None)
    practiced = Response.objects.values_list("standard_ids", flat=True).first()[0]
    framework = Framework.objects.create(identifier="priors-test", title="Priors")
    quiet = Standard.objects.create(framework=framework, identifier="q", full_statement="Quiet")
    assert set_skill_priors(priors={practiced: PRIOR, quiet.pk: PRIOR}) == 2
    forget_cached_model()
    assert active_model().initial_state(str(quiet.pk)).skill.mastery == 0.31
    fit_engine_model(model_name="bkt")
    params = EngineModel.objects.get(active=True).params
    assert params["skills"][str(quiet.pk)] == PRIOR.to_dict()
    assert params["skills"][str(practiced)] != PRIOR.to_dict()
    assert params[IMPORTED] == [str(quiet.pk)]
    forget_cached_model()
    assert active_model().initial_state(str(quiet.pk)).skill.mastery == 0.31
