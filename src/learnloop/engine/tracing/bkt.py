"""Bayesian Knowledge Tracing per skill: prior, learn, guess, slip, optional forgetting.

The classic interpretable model (Corbett & Anderson 1995): a skill is either learned or
not; answers are noisy evidence (guess, slip); practice may teach it (learn). Fitted by
vectorized EM (`fitting.bkt_em`); online, one Bayes step per answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Self

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.bkt_em import BKTArrays, EMSettings, fit_em, forward
from learnloop.engine.fitting.log import ResponseLog, pair_groups, time_major
from learnloop.engine.tracing.base import (
    FloatArray,
    Observation,
    SkillState,
    StudentState,
    TraceState,
    count_answer,
    evolve,
)


@dataclass(frozen=True)
class BKTParams:
    """One skill's BKT parameters (probabilities)."""

    prior: float = 0.4
    learn: float = 0.1
    guess: float = 0.2
    slip: float = 0.1
    forget: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, float]) -> BKTParams:
        return cls(**data)


def bkt_step(mastery: float, correct: bool, params: BKTParams) -> float:
    """P(learned) after one answer: Bayes on the evidence, then the learning transition."""
    right = mastery * (1.0 - params.slip)
    wrong_guess = (1.0 - mastery) * params.guess
    if correct:
        posterior = right / (right + wrong_guess)
    else:
        miss = mastery * params.slip
        posterior = miss / (miss + (1.0 - mastery) * (1.0 - params.guess))
    return posterior * (1.0 - params.forget) + (1.0 - posterior) * params.learn


def mastery_path(correct: NDArray[np.integer], skills: Sequence[BKTParams]) -> FloatArray:
    """P(learned) after every attempt, for answers shaped (students, skills, attempts).

    The vectorized twin of `bkt_step`, for simulations and mastery-rule studies.
    """
    fields = {
        name: np.array([getattr(p, name) for p in skills], dtype=np.float64)
        for name in ("prior", "learn", "guess", "slip", "forget")
    }
    mastery = np.broadcast_to(fields["prior"], correct.shape[:2]).astype(np.float64)
    path = np.empty(correct.shape, dtype=np.float64)
    for t in range(correct.shape[2]):
        right = correct[:, :, t] > 0
        evidence_known = np.where(right, 1.0 - fields["slip"], fields["slip"])
        evidence_unknown = np.where(right, fields["guess"], 1.0 - fields["guess"])
        known = mastery * evidence_known
        post = known / (known + (1.0 - mastery) * evidence_unknown)
        mastery = post * (1.0 - fields["forget"]) + (1.0 - post) * fields["learn"]
        path[:, :, t] = mastery
    return path


def bkt_p_correct(mastery: float, params: BKTParams) -> float:
    return mastery * (1.0 - params.slip) + (1.0 - mastery) * params.guess


class BKT:
    """Per-skill BKT; skills never seen in fitting use the response-weighted mean skill."""

    name = "bkt"

    def __init__(self, settings: EMSettings | None = None) -> None:
        self.settings = settings or EMSettings()

    def fit(self, log: ResponseLog) -> Self:
        group, group_skill = pair_groups(log)
        layout = time_major(group, int(group_skill.shape[0]))
        obs = np.empty(len(log))
        obs[layout.slot] = log.correct
        slot_skill = np.empty(len(log), dtype=np.int64)
        slot_skill[layout.slot] = log.skill
        start = BKTParams(forget=0.05 if self.settings.fit_forgetting else 0.0)
        start_arrays = BKTArrays(*(np.full(log.n_skills, value) for value in _ordered(start)))
        fitted, self.n_iter_ = fit_em(
            layout, obs, slot_skill, group_skill, start_arrays, self.settings
        )
        self.skill_params_ = {
            skill_id: BKTParams(*(float(v[i]) for v in _array_fields(fitted)))
            for i, skill_id in enumerate(log.skill_ids)
        }
        weights = np.bincount(log.skill, minlength=log.n_skills).astype(np.float64)
        self.default_params_ = BKTParams(
            *(float(np.average(v, weights=weights)) for v in _array_fields(fitted))
        )
        return self

    def skill_params(self, skill_id: str) -> BKTParams:
        """Fitted parameters of a skill, or the default ones for an unseen skill."""
        fitted = getattr(self, "skill_params_", {})
        return fitted.get(skill_id, getattr(self, "default_params_", BKTParams()))

    def forward_log(self, log: ResponseLog) -> tuple[FloatArray, FloatArray]:
        """P(learned) before each answer and P(correct) of each answer, in log order."""
        group, group_skill = pair_groups(log)
        layout = time_major(group, int(group_skill.shape[0]))
        arrays = self._arrays_for(log.skill_ids)
        obs = np.empty(len(log))
        obs[layout.slot] = log.correct
        passed = forward(layout, obs, arrays.take(group_skill[layout.rank_group]))
        return passed.predicted[layout.slot], passed.p_correct[layout.slot]

    def predict_proba(self, log: ResponseLog) -> FloatArray:
        return self.forward_log(log)[1]

    def params(self) -> dict[str, Any]:
        return {
            "model": self.name,
            "default": self.skill_params("").to_dict(),
            "skills": {k: v.to_dict() for k, v in getattr(self, "skill_params_", {}).items()},
        }

    @classmethod
    def from_params(cls, data: dict[str, Any]) -> BKT:
        model = cls()
        model.default_params_ = BKTParams.from_dict(data["default"])
        model.skill_params_ = {k: BKTParams.from_dict(v) for k, v in data["skills"].items()}
        return model

    def initial_state(self, skill_id: str, student: StudentState | None = None) -> TraceState:
        skill = SkillState(skill_id=skill_id, mastery=self.skill_params(skill_id).prior)
        return TraceState(skill=skill, student=student or StudentState())

    def update(self, state: TraceState, observation: Observation) -> TraceState:
        params = self.skill_params(state.skill.skill_id)
        counted = count_answer(state, observation.correct, 1.0, 1.0)
        mastery = bkt_step(state.skill.mastery, observation.correct, params)
        return evolve(counted, skill=evolve(counted.skill, mastery=mastery))

    def mastery(self, state: TraceState) -> float:
        return state.skill.mastery

    def predict_correct(self, state: TraceState) -> float:
        return bkt_p_correct(state.skill.mastery, self.skill_params(state.skill.skill_id))

    def _arrays_for(self, skill_ids: tuple[str, ...]) -> BKTArrays:
        rows = [_ordered(self.skill_params(s)) for s in skill_ids]
        table = np.array(rows, dtype=np.float64).reshape(len(skill_ids), 5)
        return BKTArrays(*(table[:, j] for j in range(5)))


def _ordered(params: BKTParams) -> tuple[float, float, float, float, float]:
    """BKTParams in BKTArrays field order."""
    return (params.prior, params.learn, params.forget, params.guess, params.slip)


def _array_fields(arrays: BKTArrays) -> tuple[FloatArray, ...]:
    """BKTArrays in BKTParams field order."""
    return (arrays.prior, arrays.learn, arrays.guess, arrays.slip, arrays.forget)
