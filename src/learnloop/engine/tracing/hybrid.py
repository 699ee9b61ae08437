"""The default model: BKT mastery and recency-weighted counts in one logistic regression.

Per-skill BKT gives an interpretable probability that the skill is learned, which is
what teachers and students see. Alone it ranks answers poorly (it ignores everything
the student did on other skills and how recently they struggled), so the prediction of
the next answer combines BKT's estimate with best-LR / R-PFA style features: counts and
exponentially decayed counts of successes and failures on the skill and on all skills,
the student's running success rate, the previous answer, and per-skill easiness and
count slopes. See docs/adr/0002-default-knowledge-tracing-model.md for the evidence.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Self

import numpy as np

from learnloop.engine.fitting.bkt_em import EMSettings
from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.fitting.logreg import DesignSpec
from learnloop.engine.tracing.base import (
    FloatArray,
    Observation,
    SkillState,
    StudentState,
    TraceState,
)
from learnloop.engine.tracing.bkt import BKT, bkt_p_correct, bkt_step
from learnloop.engine.tracing.features import Decays
from learnloop.engine.tracing.logistic import LogisticTracer

LOGIT_CLIP = 1e-4
# The per-skill slopes of the first default (and of the relational model, as measured
# in docs/benchmarks/kt-relations.md); a model stored with them still loads.
FIRST_PER_SKILL = ("skill_successes", "skill_failures")
# Added after validation on the published folds (docs/benchmarks/kt.md, "what was
# tried"): how much general ability, the last answer, the difficulty-adjusted ability and
# recent failures say about the next answer differs from skill to skill.
PER_SKILL = (
    *FIRST_PER_SKILL,
    "student_rate",
    "last_correct",
    "student_surprise",
    "skill_recent_failures",
)


def _logit(p: FloatArray) -> FloatArray:
    clipped = np.clip(p, LOGIT_CLIP, 1.0 - LOGIT_CLIP)
    return np.asarray(np.log(clipped / (1.0 - clipped)), dtype=np.float64)


class HybridKT(LogisticTracer):
    """BKT + logistic recency features; `mastery` is the BKT probability of learned."""

    name = "hybrid"
    spec = DesignSpec(
        dense=(
            "skill_successes",
            "skill_failures",
            "skill_recent_successes",
            "skill_recent_failures",
            "skill_rate",
            "skill_first",
            "student_successes",
            "student_failures",
            "student_recent_successes",
            "student_recent_failures",
            "student_rate",
            "student_recent_rate",
            "student_surprise",
            "student_recent_surprise",
            "last_correct",
            "last_correct_switched",
        ),
        per_skill=PER_SKILL,
        n_extra=2,
        transitions=True,
    )

    def __init__(
        self,
        l2: float = 3e-5,
        decays: Decays | None = None,
        tol: float = 1e-6,
        bkt_settings: EMSettings | None = None,
    ) -> None:
        super().__init__(l2=l2, decays=decays, tol=tol)
        self.bkt_settings = bkt_settings

    def _fit_extra(self, log: ResponseLog) -> None:
        self.bkt_ = BKT(self.bkt_settings).fit(log)

    def _extra_from_log(self, log: ResponseLog, out: FloatArray) -> None:
        mastery, p_correct = self.bkt_.forward_log(log)
        out[:, 0] = _logit(p_correct)
        out[:, 1] = _logit(mastery)

    def _extra_from_state(self, state: TraceState) -> FloatArray:
        params = self.bkt_.skill_params(state.skill.skill_id)
        p_correct = bkt_p_correct(state.skill.mastery, params)
        return np.column_stack(
            [_logit(np.array([p_correct])), _logit(np.array([state.skill.mastery]))]
        )

    def params(self) -> dict[str, Any]:
        return {**super().params(), "bkt": self.bkt_.params()}

    @classmethod
    def from_params(cls, data: dict[str, Any]) -> Self:
        model = cls()
        model._load(data)
        model.bkt_ = BKT.from_params(data["bkt"])
        return model

    def initial_state(self, skill_id: str, student: StudentState | None = None) -> TraceState:
        skill = SkillState(skill_id=skill_id, mastery=self.bkt_.skill_params(skill_id).prior)
        return TraceState(skill=skill, student=student or StudentState())

    def update(self, state: TraceState, observation: Observation) -> TraceState:
        params = self.bkt_.skill_params(state.skill.skill_id)
        counted = self._count(state, observation)
        mastery = bkt_step(state.skill.mastery, observation.correct, params)
        return replace(counted, skill=replace(counted.skill, mastery=mastery))

    def mastery(self, state: TraceState) -> float:
        return state.skill.mastery
