"""Expectation-maximisation for Bayesian Knowledge Tracing, vectorized over everything.

Every (student, skill) pair is one two-state hidden Markov chain. The chains are laid
out time-major (see `TimeMajor`), so one forward and one backward pass over time steps
process all students and all skills at once; the only Python loop is over steps, whose
number is the longest pair sequence, not the number of responses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.log import IntArray, TimeMajor

FloatArray = NDArray[np.float64]
EPS = 1e-9


@dataclass(frozen=True, eq=False)
class BKTArrays:
    """Per-skill BKT parameters as arrays (index = skill code)."""

    prior: FloatArray
    learn: FloatArray
    forget: FloatArray
    guess: FloatArray
    slip: FloatArray

    def take(self, skills: IntArray) -> BKTArrays:
        return BKTArrays(*(values[skills] for values in self._fields()))

    def _fields(self) -> tuple[FloatArray, ...]:
        return (self.prior, self.learn, self.forget, self.guess, self.slip)


@dataclass(frozen=True, eq=False)
class ForwardPass:
    """Filtered quantities in slot order: P(L) before and after each answer, P(correct)."""

    predicted: FloatArray
    filtered: FloatArray
    p_correct: FloatArray


def forward(layout: TimeMajor, obs: FloatArray, ranked: BKTArrays) -> ForwardPass:
    """Run the BKT filter over every chain; `obs` and outputs are in slot order."""
    n = obs.shape[0]
    predicted, filtered, p_correct = np.empty(n), np.empty(n), np.empty(n)
    belief = ranked.prior
    for t in range(layout.n_steps):
        cut, width = layout.step(t), int(layout.active[t])
        prior = belief[:width]
        guess, slip = ranked.guess[:width], ranked.slip[:width]
        p_right = prior * (1.0 - slip) + (1.0 - prior) * guess
        y = obs[cut]
        post = np.where(
            y > 0.5,
            prior * (1.0 - slip) / np.maximum(p_right, EPS),
            prior * slip / np.maximum(1.0 - p_right, EPS),
        )
        predicted[cut], filtered[cut], p_correct[cut] = prior, post, p_right
        belief = post * (1.0 - ranked.forget[:width]) + (1.0 - post) * ranked.learn[:width]
    return ForwardPass(predicted, filtered, p_correct)


@dataclass(frozen=True, eq=False)
class Expectations:
    """Smoothed posteriors and expected transitions, in slot order."""

    mastered: FloatArray  # P(L_t = 1 | all answers of the chain)
    learned: FloatArray  # expected 0 -> 1 transitions after step t
    forgot: FloatArray  # expected 1 -> 0 transitions after step t
    has_next: NDArray[np.bool_]


def backward(layout: TimeMajor, passed: ForwardPass, ranked: BKTArrays) -> Expectations:
    """Rauch-style smoothing for the two-state chain, all chains at once."""
    n = passed.filtered.shape[0]
    mastered, learned, forgot = np.empty(n), np.zeros(n), np.zeros(n)
    has_next = np.zeros(n, dtype=bool)
    later: FloatArray = np.empty(0)
    for t in range(layout.n_steps - 1, -1, -1):
        cut = layout.step(t)
        filt = passed.filtered[cut]
        gamma = filt.copy()
        k = later.shape[0]
        if k:
            learn, forget = ranked.learn[:k], ranked.forget[:k]
            pred_next = passed.predicted[layout.step(t + 1)]
            ratio_on = later / np.maximum(pred_next, EPS)
            ratio_off = (1.0 - later) / np.maximum(1.0 - pred_next, EPS)
            f_k = filt[:k]
            gamma[:k] = f_k * ((1.0 - forget) * ratio_on + forget * ratio_off)
            start = cut.start or 0
            learned[start : start + k] = (1.0 - f_k) * learn * ratio_on
            forgot[start : start + k] = f_k * forget * ratio_off
            has_next[start : start + k] = True
        mastered[cut] = np.clip(gamma, 0.0, 1.0)
        later = mastered[cut]
    return Expectations(mastered, learned, forgot, has_next)


@dataclass(frozen=True)
class EMSettings:
    """Knobs of the EM fit: bounds keep guess and slip below 0.5 so mastery means mastery."""

    max_iter: int = 40
    tol: float = 1e-5
    max_guess: float = 0.45
    max_slip: float = 0.45
    fit_forgetting: bool = False
    pseudo_count: float = 2.0


def m_step(
    exp: Expectations,
    obs: FloatArray,
    slot_skill: IntArray,
    first_slots: IntArray,
    first_skill: IntArray,
    current: BKTArrays,
    settings: EMSettings,
) -> BKTArrays:
    """New per-skill parameters from expected counts, shrunk toward `current` a little."""
    n_skills = current.prior.shape[0]
    a = settings.pseudo_count

    def ratio(num: FloatArray, den: FloatArray, old: FloatArray) -> FloatArray:
        return (num + a * old) / np.maximum(den + a, 1e-12)

    def per_skill(weights: FloatArray) -> FloatArray:
        return np.bincount(slot_skill, weights=weights, minlength=n_skills).astype(np.float64)

    on, off = exp.mastered, 1.0 - exp.mastered
    prior = ratio(
        np.bincount(first_skill, exp.mastered[first_slots], minlength=n_skills).astype(float),
        np.bincount(first_skill, minlength=n_skills).astype(np.float64),
        current.prior,
    )
    learn = ratio(per_skill(exp.learned), per_skill(off * exp.has_next), current.learn)
    forget = current.forget
    if settings.fit_forgetting:
        forget = ratio(per_skill(exp.forgot), per_skill(on * exp.has_next), current.forget)
    guess = ratio(per_skill(off * obs), per_skill(off), current.guess)
    slip = ratio(per_skill(on * (1.0 - obs)), per_skill(on), current.slip)
    return BKTArrays(
        prior=np.clip(prior, 1e-4, 1 - 1e-4),
        learn=np.clip(learn, 1e-4, 1 - 1e-4),
        forget=np.clip(forget, 0.0, 0.5),
        guess=np.clip(guess, 1e-4, settings.max_guess),
        slip=np.clip(slip, 1e-4, settings.max_slip),
    )


def fit_em(
    layout: TimeMajor,
    obs: FloatArray,
    slot_skill: IntArray,
    group_skill: IntArray,
    start: BKTArrays,
    settings: EMSettings,
) -> tuple[BKTArrays, int]:
    """Fit per-skill BKT parameters; returns them and the number of iterations run."""
    rank_skill = group_skill[layout.rank_group]
    first_slots = np.arange(int(layout.active[0])) if layout.n_steps else np.empty(0, int)
    first_skill = rank_skill[: first_slots.shape[0]]
    params, previous = start, -np.inf
    iterations = 0
    while iterations < settings.max_iter:
        iterations += 1
        ranked = params.take(rank_skill)
        passed = forward(layout, obs, ranked)
        p_obs = np.where(obs > 0.5, passed.p_correct, 1.0 - passed.p_correct)
        loglik = float(np.log(np.maximum(p_obs, EPS)).sum())
        exp = backward(layout, passed, ranked)
        params = m_step(exp, obs, slot_skill, first_slots, first_skill, params, settings)
        if loglik - previous < settings.tol * max(obs.shape[0], 1):
            break
        previous = loglik
    return params, iterations
