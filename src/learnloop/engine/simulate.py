"""Synthetic learners from known parameters, for tests, benchmarks and demo data.

Each student has a hidden learned / not-learned state per skill that evolves by BKT
(prior, learn, forget); answers come from it through guess and slip, optionally shifted
by an IRT ability per student and a difficulty per skill on the logit scale. Everything
is vectorized over students and skills; the only loop is over attempts. Randomness
comes from the `numpy.random.Generator` passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit, logit  # type: ignore[import-untyped]

from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.tracing.bkt import BKTParams

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class SimulatedLearners:
    """Arrays shaped (students, skills, attempts).

    `mastered_before[s, k, t]` is the hidden state while answering attempt t;
    `mastered_after` is the state after that attempt's learning step.
    """

    correct: NDArray[np.int8]
    mastered_before: NDArray[np.bool_]
    mastered_after: NDArray[np.bool_]
    ability: FloatArray
    skill_ids: tuple[str, ...]

    @property
    def shape(self) -> tuple[int, int, int]:
        n_students, n_skills, n_attempts = self.correct.shape
        return n_students, n_skills, n_attempts

    def to_log(self, student_prefix: str = "sim-") -> ResponseLog:
        """A response log: per student, all attempts at skill 0, then skill 1, ..."""
        n_students, n_skills, n_attempts = self.shape
        students = np.repeat(np.arange(n_students), n_skills * n_attempts)
        skills = np.tile(np.repeat(np.arange(n_skills), n_attempts), n_students)
        return ResponseLog(
            student=students.astype(np.int64),
            skill=skills.astype(np.int64),
            correct=self.correct.reshape(-1).astype(np.int8),
            student_ids=tuple(f"{student_prefix}{i}" for i in range(n_students)),
            skill_ids=self.skill_ids,
        )


def simulate(
    skills: Sequence[BKTParams],
    n_students: int,
    n_attempts: int,
    rng: np.random.Generator,
    ability_sd: float = 0.0,
    difficulty: Sequence[float] | None = None,
    skill_ids: Sequence[str] | None = None,
) -> SimulatedLearners:
    """Simulate `n_students` answering `n_attempts` items on each skill.

    With `ability_sd` > 0 each student draws an ability ~ N(0, ability_sd) that, minus
    the skill's `difficulty`, shifts the logit of guess and 1 - slip (an IRT layer on
    top of BKT); with the defaults the learners are exactly BKT.
    """
    n_skills = len(skills)
    prior, learn, forget, guess, slip = (
        np.array([getattr(p, name) for p in skills], dtype=np.float64)
        for name in ("prior", "learn", "forget", "guess", "slip")
    )
    ability = rng.normal(0.0, ability_sd, n_students) if ability_sd > 0 else np.zeros(n_students)
    shift = ability[:, None] - np.asarray(difficulty or np.zeros(n_skills))[None, :]
    p_guess = expit(logit(guess)[None, :] + shift)
    p_know = expit(logit(1.0 - slip)[None, :] + shift)
    shape = (n_students, n_skills, n_attempts)
    correct = np.empty(shape, dtype=np.int8)
    before, after = np.empty(shape, dtype=bool), np.empty(shape, dtype=bool)
    state = rng.random((n_students, n_skills)) < prior[None, :]
    for t in range(n_attempts):
        before[:, :, t] = state
        p_right = np.where(state, p_know, p_guess)
        correct[:, :, t] = rng.random((n_students, n_skills)) < p_right
        draw = rng.random((n_students, n_skills))
        state = np.where(state, draw >= forget[None, :], draw < learn[None, :])
        after[:, :, t] = state
    names = (
        tuple(skill_ids) if skill_ids is not None else tuple(f"skill-{k}" for k in range(n_skills))
    )
    return SimulatedLearners(correct, before, after, ability, names)


def simulate_irt(
    ability: FloatArray,
    difficulty: FloatArray,
    rng: np.random.Generator,
    discrimination: FloatArray | None = None,
) -> NDArray[np.int8]:
    """Answers of students (rows) to items (columns) under the 2PL IRT model."""
    slope = np.ones_like(difficulty) if discrimination is None else discrimination
    p_right = expit(slope[None, :] * (ability[:, None] - difficulty[None, :]))
    return (rng.random(p_right.shape) < p_right).astype(np.int8)


def random_skills(
    n_skills: int,
    rng: np.random.Generator,
    guess: tuple[float, float] = (0.05, 0.3),
    slip: tuple[float, float] = (0.02, 0.2),
) -> list[BKTParams]:
    """Plausible BKT parameters drawn uniformly, for demos and benchmarks."""
    return [
        BKTParams(
            prior=float(rng.uniform(0.05, 0.5)),
            learn=float(rng.uniform(0.05, 0.3)),
            guess=float(rng.uniform(*guess)),
            slip=float(rng.uniform(*slip)),
        )
        for _ in range(n_skills)
    ]


@dataclass(frozen=True)
class InteractiveLearner:
    """One simulated student answering one item at a time (for driving a session policy
    through the app, where the next item depends on the last answer). The hidden state
    follows the same BKT rules as `simulate`; `study` is a lesson or a worked example,
    learned from with probability `study_gain`. Updates return a new learner."""

    params: BKTParams
    learned: bool
    study_gain: float = 0.0

    @classmethod
    def start(
        cls, params: BKTParams, rng: np.random.Generator, study_gain: float = 0.0
    ) -> InteractiveLearner:
        return cls(params, bool(rng.random() < params.prior), study_gain)

    def answer(self, rng: np.random.Generator) -> tuple[bool, InteractiveLearner]:
        """Answer one item (right with 1 - slip when learned, guess otherwise), then take
        the attempt's learning (or forgetting) step."""
        p_right = 1.0 - self.params.slip if self.learned else self.params.guess
        correct = bool(rng.random() < p_right)
        draw = rng.random()
        after = draw >= self.params.forget if self.learned else draw < self.params.learn
        return correct, InteractiveLearner(self.params, bool(after), self.study_gain)

    def study(self, rng: np.random.Generator) -> InteractiveLearner:
        learned = self.learned or bool(rng.random() < self.study_gain)
        return InteractiveLearner(self.params, learned, self.study_gain)
