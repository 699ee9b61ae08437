"""Online state round-trips through JSON; metrics give known values."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import numpy as np
import pytest

from learnloop.engine.fitting import metrics
from learnloop.engine.tracing import Observation, SkillState, StudentState, TraceState
from learnloop.engine.tracing.base import evolve


def test_trace_state_round_trips_through_json() -> None:
    state = TraceState(
        skill=SkillState(skill_id="5.NF.A.1", mastery=0.42, attempts=3, successes=2),
        student=StudentState(attempts=9, successes=6, last_correct=True, last_skill_id="x"),
    )
    assert TraceState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    assert state.skill.failures == 1 and state.student.failures == 3


def test_observation_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Observation("s", True, timestamp=datetime(2026, 1, 1))


def test_metrics_on_a_known_example() -> None:
    y = np.array([0, 0, 1, 1])
    p = np.array([0.1, 0.6, 0.4, 0.9])
    assert metrics.auc(y, p) == 0.75
    assert metrics.accuracy(y, p) == 0.5
    assert metrics.rmse(y, p) == pytest.approx(np.sqrt((0.01 + 0.36 + 0.36 + 0.01) / 4))
    assert metrics.log_loss(y, np.full(4, 0.5)) == pytest.approx(np.log(2))
    assert np.isnan(metrics.auc(np.ones(3, dtype=int), np.ones(3)))


def test_reliability_bins() -> None:
    rows = metrics.reliability(np.array([0, 1, 1, 1]), np.array([0.05, 0.05, 0.95, 0.95]))
    assert rows == [(0.05, 0.5, 2), (0.95, 1.0, 2)]


def test_evolve_is_replace_without_touching_its_input() -> None:
    skill = SkillState(skill_id="a", mastery=0.3, attempts=2, successes=1, last_seen=5.0)
    student = StudentState(attempts=4, concepts=(0.5,), last_skill_id="a")
    for state, changes in (
        (skill, {"mastery": 0.6, "attempts": 3}),
        (student, {"attempts": 5, "last_correct": False}),
        (TraceState(skill=skill, student=student), {"skill": replace(skill, mastery=0.9)}),
    ):
        evolved = evolve(state, **changes)  # type: ignore[type-var]
        assert evolved == replace(state, **changes)  # type: ignore[type-var]
        assert hash(evolved) == hash(replace(state, **changes))  # type: ignore[type-var]
        assert type(evolved) is type(state) and evolved is not state
    assert skill == SkillState(skill_id="a", mastery=0.3, attempts=2, successes=1, last_seen=5.0)
    with pytest.raises(TypeError, match="no field"):
        evolve(skill, mastry=0.5)
    with pytest.raises(AttributeError):
        evolve(skill, mastery=0.5).mastery = 0.1  # type: ignore[misc]  # still frozen
