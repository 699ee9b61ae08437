"""The logistic family and Elo: online replay agrees with batch, params round-trip."""

from __future__ import annotations

import json

import numpy as np
import pytest

from learnloop.engine.fitting.evaluate import evaluate, replay_online
from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.simulate import random_skills, simulate
from learnloop.engine.tracing import MODELS, load_model, make_model


@pytest.fixture(scope="module")
def log() -> ResponseLog:
    rng = np.random.default_rng(11)
    learners = simulate(random_skills(4, rng), 60, 6, rng, ability_sd=1.0)
    return _interleave(learners.to_log(), rng)


def _interleave(log: ResponseLog, rng: np.random.Generator) -> ResponseLog:
    """Shuffle each student's answers across skills (keeping per-skill order)."""
    order = np.lexsort((rng.random(len(log)), log.student))
    # Keep the within-skill order: sort each (student, skill) run's positions.
    keys = log.student[order] * 100 + log.skill[order]
    fixed = order.copy()
    for key in np.unique(keys):
        spots = np.flatnonzero(keys == key)
        fixed[spots] = np.sort(order[spots])
    names = np.asarray(log.skill_ids, dtype=object)[log.skill[fixed]]
    students = np.asarray(log.student_ids, dtype=object)[log.student[fixed]]
    return ResponseLog.from_records(list(students), list(names), log.correct[fixed])


@pytest.mark.parametrize("name", ["pfa", "best-lr", "elo", "hybrid"])
def test_batch_prediction_matches_online_replay(name: str, log: ResponseLog) -> None:
    model = make_model(name).fit(log)
    batch = model.predict_proba(log)
    online, _ = replay_online(model, log)
    np.testing.assert_allclose(batch, online, atol=1e-8)
    assert np.all((batch >= 0.0) & (batch <= 1.0))


@pytest.mark.parametrize("name", ["pfa", "best-lr", "elo", "hybrid"])
def test_params_round_trip_through_json(name: str, log: ResponseLog) -> None:
    model = make_model(name).fit(log)
    loaded = load_model(json.loads(json.dumps(model.params())))
    np.testing.assert_allclose(loaded.predict_proba(log), model.predict_proba(log), atol=1e-12)


def _jsonb_order(value: object) -> object:
    """`value` with every object's keys in PostgreSQL jsonb's order (shorter first)."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda key: (len(key.encode()), key.encode()))
        return {key: _jsonb_order(value[key]) for key in keys}
    if isinstance(value, list):
        return [_jsonb_order(item) for item in value]
    return value


@pytest.mark.parametrize("name", ["best-lr", "hybrid", "relational"])
def test_params_load_whatever_order_the_store_gives_their_keys(name: str, log: ResponseLog) -> None:
    model = make_model(name).fit(log)
    stored = _jsonb_order(json.loads(json.dumps(model.params())))
    assert isinstance(stored, dict)
    assert list(stored["dense"]) != list(model.params()["dense"])
    loaded = load_model(stored)
    np.testing.assert_allclose(loaded.predict_proba(log), model.predict_proba(log), atol=1e-12)
    stored["dense"]["no_such_feature"] = 1.0
    with pytest.raises(ValueError, match="unknown dense features"):
        load_model(stored)


def test_a_hybrid_stored_before_its_per_skill_slopes_were_named_still_loads(
    log: ResponseLog,
) -> None:
    from dataclasses import replace

    from learnloop.engine.tracing.hybrid import FIRST_PER_SKILL, HybridKT

    class FirstDefault(HybridKT):
        spec = replace(HybridKT.spec, per_skill=FIRST_PER_SKILL)

    first = FirstDefault().fit(log)
    stored = json.loads(json.dumps(first.params()))
    del stored["per_skill"]  # the params format before the slopes were named
    assert all(len(weights) == 3 for weights in stored["skills"].values())
    loaded = load_model(stored)
    assert isinstance(loaded, HybridKT) and loaded.spec.per_skill == FIRST_PER_SKILL
    np.testing.assert_allclose(loaded.predict_proba(log), first.predict_proba(log), atol=1e-12)
    online, _ = replay_online(loaded, log)
    np.testing.assert_allclose(online, first.predict_proba(log), atol=1e-8)
    stored["per_skill"] = ["skill_successes", "no_such_feature"]
    with pytest.raises(ValueError, match="unknown per-skill features"):
        load_model(stored)


def test_unseen_skill_falls_back(log: ResponseLog) -> None:
    model = make_model("hybrid").fit(log)
    state = model.initial_state("a-new-standard")
    assert 0.0 < model.mastery(state) < 1.0
    assert 0.0 < model.predict_correct(state) < 1.0


def test_hybrid_mastery_is_the_bkt_probability(log: ResponseLog) -> None:
    model = make_model("hybrid").fit(log)
    bkt_model = model.bkt_  # type: ignore[attr-defined]
    skill_id = log.skill_ids[0]
    assert model.mastery(model.initial_state(skill_id)) == bkt_model.skill_params(skill_id).prior


def test_evaluate_reports_every_metric(log: ResponseLog) -> None:
    result = evaluate(make_model("best-lr"), log, log, update_sample=50).to_dict()
    assert set(result) == {
        "model", "auc", "rmse", "accuracy", "log_loss",
        "fit_seconds", "predict_seconds", "update_microseconds", "n",
    }  # fmt: skip
    assert 0.5 < result["auc"] <= 1.0 and result["n"] == len(log)


def test_registry_knows_every_model() -> None:
    assert {"bkt", "pfa", "best-lr", "elo", "hybrid"} <= set(MODELS)
    with pytest.raises(ValueError, match="unknown model"):
        make_model("dkt")
