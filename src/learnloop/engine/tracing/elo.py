"""Elo-style learner model: a student ability, a per-skill ability offset, skill difficulty.

P(correct) = sigmoid(ability + skill ability - difficulty), all moved after each answer
by (answer - prediction) times a step that shrinks with experience (Pelanek 2016).
Difficulties are learned in `fit` and then held fixed; online, only the student's
abilities move. The fit loops over time steps (one answer per student per step), never
over individual responses.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Self

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.log import ResponseLog, pair_groups, time_major
from learnloop.engine.tracing.base import (
    FloatArray,
    Observation,
    SkillState,
    StudentState,
    TraceState,
    count_answer,
    sigmoid,
)


class Elo:
    """Multivariate Elo with uncertainty steps `sensitivity / (1 + slope * attempts)`."""

    name = "elo"

    def __init__(self, sensitivity: float = 0.25, slope: float = 0.02, passes: int = 2) -> None:
        self.sensitivity = sensitivity
        self.slope = slope
        self.passes = passes

    def _step(self, attempts: NDArray[np.float64] | float) -> NDArray[np.float64]:
        return np.asarray(self.sensitivity / (1.0 + self.slope * np.asarray(attempts)))

    def _run(
        self, log: ResponseLog, difficulty: FloatArray, skill: NDArray[np.int64], learn: bool
    ) -> FloatArray:
        """Replay the log; returns P(correct) per response, updates `difficulty` if learn."""
        from scipy.special import expit  # type: ignore[import-untyped]

        layout = time_major(log.student, log.n_students)
        pair, _ = pair_groups(log)
        slot_skill, slot_pair = np.empty_like(skill), np.empty_like(pair)
        slot_skill[layout.slot], slot_pair[layout.slot] = skill, pair
        answers = np.empty(len(log))
        answers[layout.slot] = log.correct
        ability = np.zeros(log.n_students)
        pair_ability, pair_seen = (
            np.zeros(pair.max() + 1 if len(log) else 0),
            np.zeros(pair.max() + 1 if len(log) else 0),
        )
        skill_seen = np.zeros(difficulty.shape[0])
        predicted = np.empty(len(log))
        for t in range(layout.n_steps):
            cut, width = layout.step(t), int(layout.active[t])
            k, pr = slot_skill[cut], slot_pair[cut]
            p = expit(ability[:width] + pair_ability[pr] - difficulty[k])
            predicted[cut] = p
            residual = answers[cut] - p
            ability[:width] += self._step(t) * residual
            pair_ability[pr] += self._step(pair_seen[pr]) * residual
            pair_seen[pr] += 1
            if learn:
                self._move_difficulty(difficulty, skill_seen, k, residual, p * (1.0 - p))
        return predicted[layout.slot]

    def _move_difficulty(
        self,
        difficulty: FloatArray,
        seen: FloatArray,
        skill: NDArray[np.int64],
        residual: FloatArray,
        information: FloatArray,
    ) -> None:
        """One step's answers move each skill's difficulty together.

        Many students answer the same skill in one time step; summing their Elo steps
        would overshoot. Each skill instead moves by the summed residual over
        (1 / its Elo step + the answers' Fisher information), which is the sequential
        Elo step for one answer and a bounded Newton step for many.
        """
        size = difficulty.shape[0]
        total = np.bincount(skill, weights=residual, minlength=size)
        info = np.bincount(skill, weights=information, minlength=size)
        difficulty -= total / (1.0 / self._step(seen) + info)
        seen += np.bincount(skill, minlength=size)

    def fit(self, log: ResponseLog) -> Self:
        difficulty = np.zeros(log.n_skills + 1)
        for _ in range(self.passes):
            self._run(log, difficulty, log.skill, learn=True)
        counts = np.bincount(log.skill, minlength=log.n_skills)
        self.default_difficulty_ = float(np.average(difficulty[:-1], weights=counts))
        self.difficulty_ = {s: float(d) for s, d in zip(log.skill_ids, difficulty, strict=False)}
        return self

    def predict_proba(self, log: ResponseLog) -> FloatArray:
        names = tuple(self.difficulty_)
        difficulty = np.array([*self.difficulty_.values(), self.default_difficulty_])
        skill = log.map_skills(names)
        skill = np.where(skill < 0, len(names), skill)
        return self._run(log, difficulty, skill, learn=False)

    def params(self) -> dict[str, Any]:
        return {
            "model": self.name,
            "sensitivity": self.sensitivity,
            "slope": self.slope,
            "default_difficulty": self.default_difficulty_,
            "difficulty": dict(self.difficulty_),
        }

    @classmethod
    def from_params(cls, data: dict[str, Any]) -> Elo:
        model = cls(sensitivity=data["sensitivity"], slope=data["slope"])
        model.default_difficulty_ = float(data["default_difficulty"])
        model.difficulty_ = {k: float(v) for k, v in data["difficulty"].items()}
        return model

    def initial_state(self, skill_id: str, student: StudentState | None = None) -> TraceState:
        state = TraceState(SkillState(skill_id=skill_id, mastery=0.0), student or StudentState())
        return replace(state, skill=replace(state.skill, mastery=self.predict_correct(state)))

    def update(self, state: TraceState, observation: Observation) -> TraceState:
        residual = float(observation.correct) - self.predict_correct(state)
        counted = count_answer(state, observation.correct, 1.0, 1.0)
        student = replace(
            counted.student,
            ability=state.student.ability + float(self._step(state.student.attempts)) * residual,
        )
        skill = replace(
            counted.skill,
            ability=state.skill.ability + float(self._step(state.skill.attempts)) * residual,
        )
        new_state = TraceState(skill=skill, student=student)
        return replace(new_state, skill=replace(skill, mastery=self.predict_correct(new_state)))

    def mastery(self, state: TraceState) -> float:
        return state.skill.mastery

    def predict_correct(self, state: TraceState) -> float:
        difficulty = self.difficulty_.get(state.skill.skill_id, self.default_difficulty_)
        return sigmoid(state.student.ability + state.skill.ability - difficulty)
