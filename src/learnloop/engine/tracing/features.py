"""What a student's past says before each answer: counts, decayed sums, last answer.

The logistic models (PFA, best-LR, the hybrid default) read the same history two ways:
vectorized over a whole log for fitting (`history_from_log`), and from one TraceState
online (`history_from_state`). Both feed `feature_matrix`, so batch and online
predictions agree by construction (a test replays a log online to check it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.log import IntArray, ResponseLog, pair_groups
from learnloop.engine.tracing.base import FloatArray, TraceState


@dataclass(frozen=True)
class Decays:
    """Per-attempt decay of the recency sums: on the same skill, and on any skill."""

    skill: float = 0.7
    student: float = 0.9


@dataclass(frozen=True, eq=False)
class History:
    """Per response, from earlier answers only (arrays of equal length)."""

    skill_successes: FloatArray
    skill_failures: FloatArray
    skill_recent_successes: FloatArray
    skill_recent_failures: FloatArray
    student_successes: FloatArray
    student_failures: FloatArray
    student_recent_successes: FloatArray
    student_recent_failures: FloatArray
    student_surprise: FloatArray
    student_recent_surprise: FloatArray
    last_correct: FloatArray  # +1 correct, -1 wrong, 0 no previous answer
    switched: FloatArray  # 1 when the previous answer was on another skill


def _run_starts(group: IntArray) -> IntArray:
    """Index of the first element of each element's run (group sorted into runs)."""
    n = group.shape[0]
    is_start = np.ones(n, dtype=bool)
    is_start[1:] = group[1:] != group[:-1]
    return np.maximum.accumulate(np.where(is_start, np.arange(n), 0))


def exclusive_sums(values: FloatArray, group: IntArray, decay: float) -> FloatArray:
    """For each element, the sum of earlier values of its group, each decayed per step.

    Element t gets sum_{j<t} decay**(t-1-j) * values[j]; decay 1.0 gives plain counts.
    `group` elements are in chronological order within each group.
    """
    from scipy.signal import lfilter  # type: ignore[import-untyped]  # batch only: heavy

    order = np.argsort(group, kind="stable")
    x, g = values[order], group[order]
    # lfilter runs y[t] = x[t] + decay * y[t-1] over all groups; the carry is removed below.
    running = np.cumsum(x) if decay >= 1.0 else lfilter([1.0], [1.0, -decay], x)
    start = _run_starts(g)
    carry = np.where(start > 0, running[np.maximum(start - 1, 0)], 0.0)
    within = running - (decay ** (np.arange(x.shape[0]) - start + 1)) * carry
    before = np.where(np.arange(x.shape[0]) > start, np.roll(within, 1), 0.0)
    result = np.empty_like(before)
    result[order] = before
    return result


def history_from_log(log: ResponseLog, decays: Decays, typical_rate: FloatArray) -> History:
    """The History of every response of a chronological log, vectorized.

    `typical_rate` is each response's skill success rate in the population.
    """
    correct = log.correct.astype(np.float64)
    surprise = correct - typical_rate
    wrong = 1.0 - correct
    pair, _ = pair_groups(log)
    student = log.student
    n = len(log)
    previous = np.r_[-1, student[:-1]] if n else student
    has_last = previous == student
    last = np.where(has_last, 2.0 * np.r_[0.0, correct[:-1]][:n] - 1.0, 0.0)
    prev_skill = np.r_[-1, log.skill[:-1]][:n]
    return History(
        skill_successes=exclusive_sums(correct, pair, 1.0),
        skill_failures=exclusive_sums(wrong, pair, 1.0),
        skill_recent_successes=exclusive_sums(correct, pair, decays.skill),
        skill_recent_failures=exclusive_sums(wrong, pair, decays.skill),
        student_successes=exclusive_sums(correct, student, 1.0),
        student_failures=exclusive_sums(wrong, student, 1.0),
        student_recent_successes=exclusive_sums(correct, student, decays.student),
        student_recent_failures=exclusive_sums(wrong, student, decays.student),
        student_surprise=exclusive_sums(surprise, student, 1.0),
        student_recent_surprise=exclusive_sums(surprise, student, decays.student),
        last_correct=last,
        switched=(has_last & (prev_skill != log.skill)).astype(np.float64),
    )


def history_from_state(state: TraceState) -> History:
    """The History of the next answer, from the online state (arrays of length 1)."""
    skill, student = state.skill, state.student

    def one(value: float) -> FloatArray:
        return np.array([value], dtype=np.float64)

    last = 0.0 if student.last_correct is None else (1.0 if student.last_correct else -1.0)
    switched = student.last_skill_id is not None and student.last_skill_id != skill.skill_id
    return History(
        skill_successes=one(skill.successes),
        skill_failures=one(skill.failures),
        skill_recent_successes=one(skill.recent_successes),
        skill_recent_failures=one(skill.recent_failures),
        student_successes=one(student.successes),
        student_failures=one(student.failures),
        student_recent_successes=one(student.recent_successes),
        student_recent_failures=one(student.recent_failures),
        student_surprise=one(student.surprise),
        student_recent_surprise=one(student.recent_surprise),
        last_correct=one(last),
        switched=one(float(switched)),
    )


SURPRISE_SMOOTHING = 5.0


def _logit_rate(successes: FloatArray, failures: FloatArray) -> FloatArray:
    return np.log((successes + 1.0) / (failures + 1.0))


FEATURES = {
    "skill_successes": lambda h: np.log1p(h.skill_successes),
    "skill_failures": lambda h: np.log1p(h.skill_failures),
    "skill_successes_raw": lambda h: h.skill_successes,
    "skill_failures_raw": lambda h: h.skill_failures,
    "skill_recent_successes": lambda h: h.skill_recent_successes,
    "skill_recent_failures": lambda h: h.skill_recent_failures,
    "skill_rate": lambda h: _logit_rate(h.skill_successes, h.skill_failures),
    "skill_first": lambda h: (h.skill_successes + h.skill_failures == 0).astype(np.float64),
    "student_successes": lambda h: np.log1p(h.student_successes),
    "student_failures": lambda h: np.log1p(h.student_failures),
    "student_recent_successes": lambda h: h.student_recent_successes,
    "student_recent_failures": lambda h: h.student_recent_failures,
    "student_rate": lambda h: _logit_rate(h.student_successes, h.student_failures),
    "student_recent_rate": lambda h: _logit_rate(
        h.student_recent_successes, h.student_recent_failures
    ),
    "student_surprise": lambda h: (
        h.student_surprise / (h.student_successes + h.student_failures + SURPRISE_SMOOTHING)
    ),
    "student_recent_surprise": lambda h: h.student_recent_surprise,
    "last_correct": lambda h: h.last_correct,
    "last_correct_switched": lambda h: h.last_correct * h.switched,
}


def fill_features(history: History, names: tuple[str, ...], out: NDArray[np.float64]) -> None:
    """Write the columns named in FEATURES into `out` (responses, len(names)), one at a
    time: no stacked copy of them all."""
    for j, name in enumerate(names):
        out[:, j] = FEATURES[name](history)


def feature_matrix(history: History, names: tuple[str, ...]) -> NDArray[np.float64]:
    """Dense columns named in FEATURES, one row per response."""
    n = history.last_correct.shape[0]
    if not names:
        return np.empty((n, 0))
    return np.column_stack([FEATURES[name](history) for name in names])
