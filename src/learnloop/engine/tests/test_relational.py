"""The relational model: online equals batch, parameters round-trip, mastery's guarantee,
and it learns hidden concepts that a global-ability model cannot see."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learnloop.engine.fitting import metrics
from learnloop.engine.fitting.evaluate import replay_online
from learnloop.engine.fitting.factors import fit_item_factors
from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.simulate_concepts import HiddenConceptLogs, simulate_hidden_concepts
from learnloop.engine.tracing import Observation, RelationalKT, StudentState, load_model
from learnloop.engine.tracing.relational_features import Settings


@pytest.fixture(scope="module")
def logs() -> HiddenConceptLogs:
    return simulate_hidden_concepts(160, 40, np.random.default_rng(3))


@pytest.fixture(scope="module")
def fitted(logs: HiddenConceptLogs) -> RelationalKT:
    return RelationalKT().fit(logs.removed)


def test_online_replay_equals_batch_with_items_and_times(
    logs: HiddenConceptLogs, fitted: RelationalKT
) -> None:
    online, _ = replay_online(fitted, logs.removed, limit=2000)
    assert online == pytest.approx(fitted.predict_proba(logs.removed)[:2000], abs=1e-9)


def test_online_replay_equals_batch_without_items_or_times(logs: HiddenConceptLogs) -> None:
    bare = logs.oracle
    log = ResponseLog(bare.student, bare.skill, bare.correct, bare.student_ids, bare.skill_ids)
    model = RelationalKT(settings=Settings(n_factors=3)).fit(log)
    online, _ = replay_online(model, log, limit=2000)
    assert model.factors_.n_factors == 3
    assert online == pytest.approx(model.predict_proba(log)[:2000], abs=1e-9)


def test_params_round_trip_through_json(logs: HiddenConceptLogs, fitted: RelationalKT) -> None:
    loaded = load_model(json.loads(json.dumps(fitted.params())))
    assert isinstance(loaded, RelationalKT)
    online, _ = replay_online(loaded, logs.removed, limit=300)
    assert online == pytest.approx(fitted.predict_proba(logs.removed)[:300], abs=1e-9)


def test_student_state_with_concepts_round_trips_through_json(fitted: RelationalKT) -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    state = fitted.initial_state("math")
    for minutes, correct in enumerate([True, False, True]):
        at = now + timedelta(minutes=minutes)
        observation = Observation("math", correct, timestamp=at, item_id="q0001")
        state = fitted.update(state, observation)
    student = StudentState.from_dict(json.loads(json.dumps(state.student.to_dict())))
    assert student == state.student
    assert len(student.concepts) == 2 * fitted.factors_.n_factors
    assert student.last_seen == (now + timedelta(minutes=2)).timestamp()


def test_forgetting_between_sessions_lowers_the_prediction(fitted: RelationalKT) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    state = fitted.initial_state("math")
    for minute in range(6):
        at = start + timedelta(minutes=minute)
        state = fitted.update(state, Observation("math", True, timestamp=at, item_id="q0002"))
    soon = Observation("math", True, timestamp=start + timedelta(minutes=7), item_id="q0002")
    later = Observation("math", True, timestamp=start + timedelta(days=30), item_id="q0002")
    assert 0.0 < fitted.predict_answer(state, later) <= 1.0
    assert fitted.predict_answer(state, soon) != fitted.predict_answer(state, later)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), max_size=12), st.sampled_from(["q0000", "q0042", None]))
def test_a_correct_answer_never_lowers_mastery(
    fitted: RelationalKT, history: list[bool], item_id: str | None
) -> None:
    state = fitted.initial_state("math")
    for correct in history:
        state = fitted.update(state, Observation("math", correct, item_id=item_id))
    after = fitted.update(state, Observation("math", True, item_id=item_id))
    assert 0.0 <= fitted.mastery(after) <= 1.0
    assert fitted.mastery(after) >= fitted.mastery(state) - 1e-12


def test_factors_group_the_items_of_one_hidden_concept() -> None:
    logs = simulate_hidden_concepts(600, 60, np.random.default_rng(5))
    factors = fit_item_factors(logs.removed, 5)
    loadings = factors.loadings / np.linalg.norm(factors.loadings, axis=1, keepdims=True)
    similarity = loadings @ loadings.T
    concept = logs.item_concept[np.array([int(u[1:]) for u in factors.unit_ids])]
    same = concept[:, None] == concept[None, :]
    np.fill_diagonal(same, False)
    different = concept[:, None] != concept[None, :]
    assert similarity[same].mean() > similarity[different].mean() + 0.3


def test_learns_hidden_concepts_beyond_global_ability() -> None:
    logs = simulate_hidden_concepts(700, 60, np.random.default_rng(11))
    keep = np.arange(700) < 500
    train, test = logs.removed.select_students(keep), logs.removed.select_students(~keep)
    plain = RelationalKT(settings=Settings(n_factors=0)).fit(train)
    relational = RelationalKT().fit(train)
    plain_auc = metrics.auc(test.correct, plain.predict_proba(test))
    relational_auc = metrics.auc(test.correct, relational.predict_proba(test))
    assert relational_auc > plain_auc + 0.01


def test_tiny_logs_fit_without_factors() -> None:
    log = ResponseLog.from_records(["a", "a", "a"], ["x", "x", "y"], [1, 0, 1], ["i1", "i2", "i1"])
    model = RelationalKT().fit(log)
    assert model.factors_.n_factors == 0
    predicted = model.predict_proba(log)
    assert predicted.shape == (3,) and np.all((predicted > 0) & (predicted < 1))
    unseen = Observation("z", True, item_id="never-seen")
    state = model.update(model.initial_state("z"), unseen)
    assert 0.0 < model.predict_answer(state, unseen) < 1.0


def test_knows_only_the_items_an_item_level_fit_saw(
    logs: HiddenConceptLogs, fitted: RelationalKT
) -> None:
    assert logs.removed.item_ids is not None
    assert all(fitted.knows_item(item) for item in logs.removed.item_ids)
    assert not fitted.knows_item("no-such-item")
    loaded = load_model(json.loads(json.dumps(fitted.params())))
    assert isinstance(loaded, RelationalKT)
    assert loaded.knows_item(logs.removed.item_ids[0])
    bare = logs.oracle
    skills_only = RelationalKT().fit(
        ResponseLog(bare.student, bare.skill, bare.correct, bare.student_ids, bare.skill_ids)
    )
    assert not skills_only.knows_item(logs.removed.item_ids[0])
    assert not skills_only.knows_item(bare.skill_ids[0])  # a skill is no item
