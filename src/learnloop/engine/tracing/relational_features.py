"""The relational model's extra columns: item difficulty, latent-concept evidence, time.

Computed two ways that agree by construction, like `tracing.features`: vectorized over
a whole log for fitting (`*_from_log`) and from one online state (`*_from_state`).

- item difficulty: the logit of the item's success rate minus its skill's (0 without
  item ids); while fitting, each answer's own outcome is left out of its item's rate;
- concept evidence: per latent concept k, the student's running sum of residuals
  (answer - unit rate) weighted by each answered unit's loading, times the next unit's
  loading: once averaged over the student's answers, once decayed per answer;
- time (DAS3H-like): log hours since the student's last answer and since the last
  answer on this skill, and log of successes and failures decayed by e^(-hours/24).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from learnloop.engine.fitting.factors import RATE_SMOOTHING, ItemFactors
from learnloop.engine.fitting.log import IntArray, ResponseLog, pair_groups, time_major
from learnloop.engine.tracing.base import FloatArray, StudentState
from learnloop.engine.tracing.features import exclusive_sums

CONCEPT_SMOOTHING = 5.0
TIME_SCALE_SECONDS = 86_400.0
N_TIME_COLUMNS = 4


@dataclass(frozen=True)
class Settings:
    """How many latent concepts, and the per-answer decay of the recent evidence."""

    n_factors: int = 8
    concept_decay: float = 0.97


def logit(p: FloatArray | float) -> FloatArray:
    clipped = np.clip(p, 1e-4, 1.0 - 1e-4)
    return np.asarray(np.log(clipped / (1.0 - clipped)), dtype=np.float64)


def logit_one(p: float) -> float:
    clipped = min(max(p, 1e-4), 1.0 - 1e-4)
    return math.log(clipped / (1.0 - clipped))


def difficulty_from_log(
    log: ResponseLog, unit: IntArray, factors: ItemFactors, skill_rate: FloatArray, fitting: bool
) -> FloatArray:
    """Item logit rate minus skill logit rate; leave-one-out while fitting."""
    known = unit >= 0
    rates = np.where(known, factors.rates[np.maximum(unit, 0)], skill_rate)
    if fitting and known.any():
        correct = log.correct.astype(np.float64)
        counts = np.bincount(unit[known], minlength=len(factors.unit_ids)).astype(np.float64)
        n = counts[np.maximum(unit, 0)] + RATE_SMOOTHING
        loo = (rates * n - correct) / (n - 1.0)
        rates = np.where(known, loo, rates)
    return np.where(known, logit(rates) - logit(skill_rate), 0.0)


def concepts_from_log(
    log: ResponseLog, unit: IntArray, factors: ItemFactors, decay: float, out: FloatArray
) -> None:
    """Write (responses, 2K) averaged and decayed concept evidence, from earlier answers,
    into `out`, one concept at a time (no (responses, K) temporaries)."""
    k = factors.n_factors
    known = unit >= 0
    safe = np.maximum(unit, 0)
    residual = np.where(known, log.correct - factors.rates[safe], 0.0)
    answered = exclusive_sums(np.ones(len(log)), log.student, 1.0)
    answered += CONCEPT_SMOOTHING
    for j in range(k):
        loading = np.where(known, factors.loadings[safe, j], 0.0)
        weighted = loading * residual
        out[:, j] = loading * exclusive_sums(weighted, log.student, 1.0) / answered
        out[:, k + j] = loading * exclusive_sums(weighted, log.student, decay)


def _gap_hours(times: FloatArray, group: IntArray) -> FloatArray:
    """Hours since the previous element of the same group (0 for a group's first)."""
    order = np.argsort(group, kind="stable")
    g, t = group[order], times[order]
    gap = np.zeros(t.shape[0])
    same = np.r_[False, g[1:] == g[:-1]]
    gap[same] = (t[1:] - t[:-1])[same[1:]] / 3600.0
    result = np.empty_like(gap)
    result[order] = np.maximum(gap, 0.0)
    return result


def time_from_log(log: ResponseLog, columns: FloatArray) -> None:
    """Write the (responses, 4) time columns into `columns`; zeros when the log has no
    timestamps."""
    columns[:] = 0.0
    if log.timestamp is None or len(log) == 0:
        return
    pair, _ = pair_groups(log)
    columns[:, 0] = np.log1p(_gap_hours(log.timestamp, log.student))
    columns[:, 1] = np.log1p(_gap_hours(log.timestamp, pair))
    layout = time_major(log.student, log.n_students)
    stamps = np.empty(len(log))
    stamps[layout.slot] = log.timestamp
    answers = np.empty(len(log))
    answers[layout.slot] = log.correct
    wins, misses = np.zeros(log.n_students), np.zeros(log.n_students)
    last = np.zeros(log.n_students)
    out = np.zeros((len(log), 2))
    for t in range(layout.n_steps):
        step, active = layout.step(t), int(layout.active[t])
        now = stamps[step]
        factor = np.exp(-np.maximum(now - last[:active], 0.0) / TIME_SCALE_SECONDS)
        wins[:active] *= factor
        misses[:active] *= factor
        out[step, 0], out[step, 1] = wins[:active], misses[:active]
        wins[:active] += answers[step]
        misses[:active] += 1.0 - answers[step]
        last[:active] = now
    columns[:, 2:] = np.log1p(out[layout.slot])


def concepts_from_state(
    student: StudentState, loading: tuple[float, ...] | None, n_factors: int
) -> list[float]:
    """The 2K concept columns of the next answer, on a unit with this loading."""
    if loading is None or not student.concepts:
        return [0.0] * (2 * n_factors)
    scale = 1.0 / (student.attempts + CONCEPT_SMOOTHING)
    total, recent = student.concepts[:n_factors], student.concepts[n_factors:]
    return [v * t * scale for v, t in zip(loading, total, strict=True)] + [
        v * r for v, r in zip(loading, recent, strict=True)
    ]


def advance_concepts(
    student: StudentState,
    loading: tuple[float, ...] | None,
    residual: float,
    n_factors: int,
    decay: float,
) -> tuple[float, ...]:
    """The concept evidence after one more answer (unchanged in size: O(K))."""
    evidence = student.concepts or (0.0,) * (2 * n_factors)
    if loading is None:
        return tuple(evidence[:n_factors]) + tuple(r * decay for r in evidence[n_factors:])
    total = [t + v * residual for t, v in zip(evidence[:n_factors], loading, strict=True)]
    recent = [r * decay + v * residual for r, v in zip(evidence[n_factors:], loading, strict=True)]
    return tuple(total + recent)


def time_from_state(
    student: StudentState, skill_last_seen: float | None, now: float | None
) -> list[float]:
    """The 4 time columns of an answer given at `now` (seconds since the epoch)."""
    if now is None:
        return [0.0] * N_TIME_COLUMNS
    since_student = 0.0 if student.last_seen is None else max(now - student.last_seen, 0.0)
    since_skill = 0.0 if skill_last_seen is None else max(now - skill_last_seen, 0.0)
    wins, misses = decayed_counts(student, now)
    return [
        math.log1p(since_student / 3600.0),
        math.log1p(since_skill / 3600.0),
        math.log1p(wins),
        math.log1p(misses),
    ]


def decayed_counts(student: StudentState, now: float) -> tuple[float, float]:
    """The student's time-decayed successes and failures as of `now`."""
    if not student.timed or student.last_seen is None:
        return 0.0, 0.0
    factor = math.exp(-max(now - student.last_seen, 0.0) / TIME_SCALE_SECONDS)
    return student.timed[0] * factor, student.timed[1] * factor
