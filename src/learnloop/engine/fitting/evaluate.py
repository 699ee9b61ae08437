"""Fit on training students, predict test students from their own past, score it."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from learnloop.engine.fitting import metrics
from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.tracing.base import LearnerModel, Observation, StudentState, TraceState


@dataclass(frozen=True)
class EvaluationResult:
    """One model's scores on one split (keys match `learnloop evaluate --json`)."""

    model: str
    auc: float
    rmse: float
    accuracy: float
    log_loss: float
    fit_seconds: float
    predict_seconds: float
    update_microseconds: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def evaluate(
    model: LearnerModel, train: ResponseLog, test: ResponseLog, update_sample: int = 20_000
) -> EvaluationResult:
    """Fit `model` on `train`, predict every response of `test`, time the online update."""
    start = time.perf_counter()
    model.fit(train)
    fit_seconds = time.perf_counter() - start
    start = time.perf_counter()
    predicted = model.predict_proba(test)
    predict_seconds = time.perf_counter() - start
    return EvaluationResult(
        model=model.name,
        auc=metrics.auc(test.correct, predicted),
        rmse=metrics.rmse(test.correct, predicted),
        accuracy=metrics.accuracy(test.correct, predicted),
        log_loss=metrics.log_loss(test.correct, predicted),
        fit_seconds=fit_seconds,
        predict_seconds=predict_seconds,
        update_microseconds=online_update_microseconds(model, test, update_sample),
        n=len(test),
    )


def replay_online(
    model: LearnerModel, log: ResponseLog, limit: int | None = None
) -> tuple[np.ndarray, float]:
    """Replay the log through `update` one answer at a time, as the web app would.

    Returns P(correct) before each answer (`predict_correct`) and the total seconds
    spent inside `update` and `mastery`.
    """
    count = len(log) if limit is None else min(limit, len(log))
    skill_names = log.skill_ids
    skills: dict[tuple[int, int], TraceState] = {}
    students: dict[int, StudentState] = {}
    predicted = np.empty(count)
    spent = 0.0
    for i in range(count):
        student, skill = int(log.student[i]), int(log.skill[i])
        aggregate = students.get(student, StudentState())
        previous = skills.get((student, skill))
        if previous is None:
            state = model.initial_state(skill_names[skill], aggregate)
        else:
            state = TraceState(skill=previous.skill, student=aggregate)
        observation = observation_at(log, i, skill_names[skill])
        predict_answer = getattr(model, "predict_answer", None)
        if predict_answer is not None:
            predicted[i] = predict_answer(state, observation)
        else:
            predicted[i] = model.predict_correct(state)
        start = time.perf_counter()
        state = model.update(state, observation)
        model.mastery(state)
        spent += time.perf_counter() - start
        skills[(student, skill)] = state
        students[student] = state.student
    return predicted, spent


def observation_at(log: ResponseLog, i: int, skill_id: str) -> Observation:
    """Response i as the web app would pass it: with its item and time where known."""
    item_id = None
    if log.item is not None and log.item_ids is not None:
        item_id = log.item_ids[int(log.item[i])]
    stamp = None
    if log.timestamp is not None:
        stamp = datetime.fromtimestamp(float(log.timestamp[i]), UTC)
    return Observation(
        skill_id=skill_id, correct=bool(log.correct[i]), timestamp=stamp, item_id=item_id
    )


def online_update_microseconds(model: LearnerModel, log: ResponseLog, limit: int) -> float:
    """Mean microseconds of one `update` + `mastery` call over the first answers of `log`."""
    count = min(limit, len(log))
    if count == 0:
        return float("nan")
    _, spent = replay_online(model, log, count)
    return 1e6 * spent / count
