"""The relational model: the hybrid default plus learned item relations, difficulty, time.

On top of everything the hybrid reads (BKT per skill, counts and recency, previous
answer), one logistic regression also sees, for the next item:
- its difficulty, learned from LearnLoop's own item ids;
- the student's evidence on the latent concepts the item loads on (`fitting.factors`):
  an answer on one item moves the prediction on every item that moves with it, even
  when their tags differ or are missing;
- time since the last answers and time-decayed counts (forgetting between sessions).

`mastery` stays the per-skill BKT posterior (a correct answer never lowers it), so
levels, the mastery rule and what people see are unchanged. Online the student state
grows by 2K + 2 numbers and one timestamp; an update is O(K).
See docs/adr/0011-relational-knowledge-tracing.md.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Self

import numpy as np

from learnloop.engine.fitting.bkt_em import EMSettings
from learnloop.engine.fitting.factors import ItemFactors, fit_item_factors, units_of
from learnloop.engine.fitting.log import ResponseLog
from learnloop.engine.tracing import relational_features as rf
from learnloop.engine.tracing.base import FloatArray, Observation, TraceState
from learnloop.engine.tracing.bkt import bkt_p_correct, bkt_step
from learnloop.engine.tracing.features import Decays, history_from_state
from learnloop.engine.tracing.hybrid import FIRST_PER_SKILL, HybridKT


class RelationalKT(HybridKT):
    """Hybrid + item difficulty + latent-concept evidence + time; mastery is BKT's."""

    name = "relational"

    def __init__(
        self,
        l2: float = 3e-5,
        decays: Decays | None = None,
        tol: float = 1e-6,
        bkt_settings: EMSettings | None = None,
        settings: rf.Settings | None = None,
    ) -> None:
        super().__init__(l2=l2, decays=decays, tol=tol, bkt_settings=bkt_settings)
        self.settings = settings or rf.Settings()
        self._fitting = False

    def _set_spec(self, n_factors: int) -> None:
        n_extra = 3 + 2 * n_factors + rf.N_TIME_COLUMNS
        self.spec = replace(HybridKT.spec, n_extra=n_extra, per_skill=FIRST_PER_SKILL)

    def _cache_units(self) -> None:
        """Plain-Python copies of the factors for the O(K) online path."""
        self._unit_index = self.factors_.index()
        self._loadings = [tuple(map(float, row)) for row in self.factors_.loadings]
        self._rates = [float(rate) for rate in self.factors_.rates]

    def fit(self, log: ResponseLog) -> Self:
        self.factors_ = fit_item_factors(log, self.settings.n_factors)
        self.item_level_ = log.item is not None
        self._set_spec(self.factors_.n_factors)
        self._cache_units()
        self._fitting = True
        try:
            return super().fit(log)
        finally:
            self._fitting = False

    def _extra_from_log(self, log: ResponseLog, out: FloatArray) -> None:
        super()._extra_from_log(log, out[:, :2])
        unit_codes, unit_ids = units_of(log) if self.item_level_ else (log.skill, log.skill_ids)
        lookup = np.array([self._unit_index.get(u, -1) for u in unit_ids], dtype=np.int64)
        unit = lookup[unit_codes] if len(unit_ids) else unit_codes.copy()
        if self.item_level_:
            rates = self.typical_rate_
            skill_rate = np.array([rates.get(s, rates[""]) for s in log.skill_ids])[log.skill]
            out[:, 2] = rf.difficulty_from_log(log, unit, self.factors_, skill_rate, self._fitting)
        else:
            out[:, 2] = 0.0
        k = self.factors_.n_factors
        rf.concepts_from_log(
            log, unit, self.factors_, self.settings.concept_decay, out[:, 3 : 3 + 2 * k]
        )
        rf.time_from_log(log, out[:, 3 + 2 * k :])

    def knows_item(self, item_id: str) -> bool:
        """Whether the fit learned this very item's difficulty (an item-level fit that saw
        it): then `predict_answer` with its id predicts it, not an average item."""
        return self.item_level_ and item_id in self._unit_index

    def _unit_of(self, state: TraceState, item_id: str | None) -> int | None:
        key = item_id if self.item_level_ else state.skill.skill_id
        return None if key is None else self._unit_index.get(key)

    def _extra_for(self, state: TraceState, observation: Observation | None) -> FloatArray:
        params = self.bkt_.skill_params(state.skill.skill_id)
        p_correct = bkt_p_correct(state.skill.mastery, params)
        item_id = observation.item_id if observation else None
        unit = self._unit_of(state, item_id)
        difficulty = 0.0
        loading = None
        if unit is not None:
            loading = self._loadings[unit]
            if self.item_level_:
                rates = self.typical_rate_
                skill_rate = rates.get(state.skill.skill_id, rates[""])
                difficulty = rf.logit_one(self._rates[unit]) - rf.logit_one(skill_rate)
        stamp = observation.timestamp if observation else None
        now = stamp.timestamp() if stamp is not None else state.student.last_seen
        row = [
            *rf.logit(np.array([p_correct, state.skill.mastery])),
            difficulty,
            *rf.concepts_from_state(state.student, loading, self.factors_.n_factors),
            *rf.time_from_state(state.student, state.skill.last_seen, now),
        ]
        return np.array([row], dtype=np.float64)

    def _extra_from_state(self, state: TraceState) -> FloatArray:
        return self._extra_for(state, None)

    def predict_answer(self, state: TraceState, observation: Observation) -> float:
        """P(correct) of the answer about to be given (its item and time known)."""
        dense, slopes = self._columns(
            history_from_state(state), self._extra_for(state, observation)
        )
        return self._predict_row(state, dense, slopes)

    def update(self, state: TraceState, observation: Observation) -> TraceState:
        """One answer: counts, BKT mastery, concept evidence and clocks, in one step.

        Each part of the state is rebuilt once (dataclass `replace` is most of the cost).
        """
        skill, student = state.skill, state.student
        correct = observation.correct
        won, lost = float(correct), float(not correct)
        rates = self.typical_rate_
        surprise = won - rates.get(skill.skill_id, rates[""])
        skill_decay, student_decay = self.decays.skill, self.decays.student
        unit = self._unit_of(state, observation.item_id)
        loading, residual = None, 0.0
        if unit is not None:
            loading = self._loadings[unit]
            residual = won - self._rates[unit]
        concepts = rf.advance_concepts(
            student, loading, residual, self.factors_.n_factors, self.settings.concept_decay
        )
        stamp = observation.timestamp
        now = student.last_seen if stamp is None else stamp.timestamp()
        timed = student.timed
        if stamp is not None:
            wins, misses = rf.decayed_counts(student, stamp.timestamp())
            timed = (wins + won, misses + lost)
        params = self.bkt_.skill_params(skill.skill_id)
        new_skill = replace(
            skill,
            mastery=bkt_step(skill.mastery, correct, params),
            attempts=skill.attempts + 1,
            successes=skill.successes + int(correct),
            recent_successes=skill.recent_successes * skill_decay + won,
            recent_failures=skill.recent_failures * skill_decay + lost,
            last_seen=skill.last_seen if stamp is None else now,
        )
        new_student = replace(
            student,
            attempts=student.attempts + 1,
            successes=student.successes + int(correct),
            recent_successes=student.recent_successes * student_decay + won,
            recent_failures=student.recent_failures * student_decay + lost,
            surprise=student.surprise + surprise,
            recent_surprise=student.recent_surprise * student_decay + surprise,
            last_correct=correct,
            last_skill_id=skill.skill_id,
            last_seen=now,
            concepts=concepts,
            timed=timed,
        )
        return TraceState(skill=new_skill, student=new_student)

    def params(self) -> dict[str, Any]:
        return {
            **super().params(),
            "relational": {
                "n_factors": self.factors_.n_factors,
                "concept_decay": self.settings.concept_decay,
                "item_level": self.item_level_,
                "factors": self.factors_.to_dict(),
            },
        }

    @classmethod
    def from_params(cls, data: dict[str, Any]) -> Self:
        model = super().from_params(data)
        extra = data["relational"]
        model.settings = rf.Settings(extra["n_factors"], extra["concept_decay"])
        model.factors_ = ItemFactors.from_dict(extra["factors"], extra["n_factors"])
        model.item_level_ = bool(extra["item_level"])
        model._cache_units()
        model._set_spec(model.factors_.n_factors)
        return model
