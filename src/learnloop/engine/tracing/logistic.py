"""The logistic family: PFA, best-LR-style counts, and the base they share.

Each model is one logistic regression over features of the student's past (see
`tracing.features`), with an intercept per skill (its easiness). They differ in which
features they use. Online, the features come from the TraceState, so an update is
O(1): advance counters and decayed sums, then one small dot product to predict.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Self

import numpy as np

from learnloop.engine.fitting.log import IntArray, ResponseLog
from learnloop.engine.fitting.logreg import (
    Design,
    DesignSpec,
    TransitionColumns,
    build_design,
    fit_logistic,
)
from learnloop.engine.tracing.base import (
    FloatArray,
    Observation,
    SkillState,
    StudentState,
    TraceState,
    count_answer,
    sigmoid,
)
from learnloop.engine.tracing.features import (
    FEATURES,
    Decays,
    History,
    feature_matrix,
    fill_features,
    history_from_log,
    history_from_state,
)


class LogisticTracer:
    """A learner model that is one logistic regression; subclasses choose the features.

    `mastery` of a purely logistic model is its predicted probability of a correct next
    answer on the skill; the hybrid overrides it with a BKT mastery probability.
    """

    name = "logistic"
    spec = DesignSpec(dense=())

    def __init__(self, l2: float = 1e-4, decays: Decays | None = None, tol: float = 1e-7) -> None:
        self.l2 = l2
        self.decays = decays or Decays()
        self.tol = tol

    # Hooks for models with extra dense columns (the hybrid's BKT estimate).
    def _fit_extra(self, log: ResponseLog) -> None:
        return None

    def _extra_from_log(self, log: ResponseLog, out: FloatArray) -> None:
        """Write the extra columns of every response into `out` (responses, n_extra)."""
        return None

    def _extra_from_state(self, state: TraceState) -> FloatArray:
        return np.empty((1, 0))

    def _columns(self, history: History, extra: FloatArray) -> tuple[FloatArray, FloatArray]:
        dense = np.hstack([feature_matrix(history, self.spec.dense), extra])
        return dense, feature_matrix(history, self.spec.per_skill)

    def fit(self, log: ResponseLog) -> Self:
        self._fit_extra(log)
        self.skill_index_ = {skill_id: i for i, skill_id in enumerate(log.skill_ids)}
        self.typical_rate_ = _typical_rates(log)
        self.transition_index_: dict[str, int] = {}
        if self.spec.transitions:
            keys = sorted(_transition_keys(log)[2])
            self.transition_index_ = {key: i for i, key in enumerate(keys)}
        design = self._design(log)
        self.coef_ = fit_logistic(
            design, log.correct.astype(np.float64), self.l2, self.spec.n_dense, self.tol
        )
        return self

    def predict_proba(self, log: ResponseLog) -> FloatArray:
        from scipy.special import expit  # type: ignore[import-untyped]

        return np.asarray(expit(self._design(log).matvec(self.coef_)), dtype=np.float64)

    def _design(self, log: ResponseLog) -> Design:
        """The design of every response, built column by column into one float64 block
        (no per-feature copies): its dense part is most of a fit's memory."""
        overall = self.typical_rate_.get("", 0.5)
        rates = np.array([self.typical_rate_.get(s, overall) for s in log.skill_ids])
        history = history_from_log(log, self.decays, rates[log.skill])
        n_features = len(self.spec.dense)
        dense = np.empty((len(log), self.spec.n_dense), order="F")
        fill_features(history, self.spec.dense, dense[:, :n_features])
        slopes = np.empty((len(log), len(self.spec.per_skill)))
        fill_features(history, self.spec.per_skill, slopes)
        last_correct = history.last_correct
        del history
        self._extra_from_log(log, dense[:, n_features:])
        skill = log.map_skills(tuple(self.skill_index_))
        transitions = None
        if self.spec.transitions:
            rows, codes, labels = _transition_keys(log)
            lookup = np.array([self.transition_index_.get(key, -1) for key in labels], np.int64)
            index = np.full(len(log), -1, dtype=np.int64)
            index[rows] = lookup[codes] if len(labels) else -1
            transitions = TransitionColumns(index, last_correct, len(self.transition_index_))
        return build_design(self.spec, dense, slopes, skill, len(self.skill_index_), transitions)

    def params(self) -> dict[str, Any]:
        """Weights by name; per skill its intercept and slopes (unknown skills get 0)."""
        n_skills, n_dense = len(self.skill_index_), self.spec.n_dense
        names = [*self.spec.dense, *(f"extra_{j}" for j in range(self.spec.n_extra))]
        skill_end = 1 + n_dense + n_skills * (1 + len(self.spec.per_skill))
        blocks = self.coef_[1 + n_dense : skill_end].reshape(-1, n_skills)
        pairs = self.coef_[skill_end:].reshape(-1, len(self.transition_index_) or 1)
        return {
            "model": self.name,
            "decays": {"skill": self.decays.skill, "student": self.decays.student},
            "per_skill": list(self.spec.per_skill),
            "typical_rates": dict(self.typical_rate_),
            "intercept": float(self.coef_[0]),
            "dense": dict(zip(names, map(float, self.coef_[1 : 1 + n_dense]), strict=True)),
            "skills": {
                skill_id: [float(v) for v in blocks[:, i]]
                for skill_id, i in self.skill_index_.items()
            },
            "transitions": {
                key: [float(v) for v in pairs[:, i]] for key, i in self.transition_index_.items()
            },
        }

    def _load(self, data: dict[str, Any]) -> None:
        self.decays = Decays(**data["decays"])
        self.typical_rate_ = dict(data["typical_rates"])
        self.skill_index_ = {skill_id: i for i, skill_id in enumerate(data["skills"])}
        blocks = np.array(list(data["skills"].values()), dtype=np.float64).T
        self._load_per_skill(data.get("per_skill"), blocks.shape[0] if data["skills"] else None)
        dense = np.array(self._dense_in_order(data["dense"]), dtype=np.float64)
        self.transition_index_ = {key: i for i, key in enumerate(data["transitions"])}
        pairs = np.array(list(data["transitions"].values()), dtype=np.float64).T
        self.coef_ = np.concatenate(
            [[data["intercept"]], dense, blocks.reshape(-1), pairs.reshape(-1)]
        )

    def _dense_in_order(self, stored: dict[str, float]) -> list[float]:
        """The dense weights in design order, by name: a store may reorder keys (PostgreSQL's
        jsonb keeps shorter keys first), so the order they come back in means nothing."""
        names = [name for name in self.spec.dense if name in stored]
        extras = sorted(
            (key for key in stored if key.startswith("extra_") and key[6:].isdigit()),
            key=lambda key: int(key[6:]),
        )
        unknown = sorted(set(stored) - set(names) - set(extras))
        if unknown:
            raise ValueError(f"stored model names unknown dense features: {unknown}")
        return [float(stored[name]) for name in [*names, *extras]]

    def _load_per_skill(self, names: list[str] | None, n_blocks: int | None) -> None:
        """The per-skill slopes the stored weights were fitted with. Params stored before
        they were named hold a prefix of today's (the first default's two slopes)."""
        if names is None:
            if n_blocks is None:
                return
            names = list(self.spec.per_skill[: n_blocks - 1])
        unknown = sorted(set(names) - set(FEATURES))
        if unknown:
            raise ValueError(f"stored model names unknown per-skill features: {unknown}")
        if n_blocks is not None and n_blocks != len(names) + 1:
            raise ValueError("stored model: per-skill weights do not match their names")
        if tuple(names) != self.spec.per_skill:
            self.spec = replace(self.spec, per_skill=tuple(names))

    @classmethod
    def from_params(cls, data: dict[str, Any]) -> Self:
        model = cls()
        model._load(data)
        return model

    def initial_state(self, skill_id: str, student: StudentState | None = None) -> TraceState:
        state = TraceState(SkillState(skill_id=skill_id, mastery=0.0), student or StudentState())
        return replace(state, skill=replace(state.skill, mastery=self.predict_correct(state)))

    def update(self, state: TraceState, observation: Observation) -> TraceState:
        counted = self._count(state, observation)
        return replace(counted, skill=replace(counted.skill, mastery=self.predict_correct(counted)))

    def _count(self, state: TraceState, observation: Observation) -> TraceState:
        rates = self.typical_rate_
        rate = rates.get(state.skill.skill_id, rates.get("", 0.5))
        return count_answer(
            state, observation.correct, self.decays.skill, self.decays.student, rate
        )

    def mastery(self, state: TraceState) -> float:
        return state.skill.mastery

    def predict_correct(self, state: TraceState) -> float:
        """One row of the design, built from the state; O(number of features)."""
        dense, slopes = self._columns(history_from_state(state), self._extra_from_state(state))
        return self._predict_row(state, dense, slopes)

    def _predict_row(self, state: TraceState, dense: FloatArray, slopes: FloatArray) -> float:
        """P(correct) from one row of dense columns and per-skill slopes."""
        n_dense = self.spec.n_dense
        z = self.coef_[0] + float(dense[0] @ self.coef_[1 : 1 + n_dense])
        index = self.skill_index_.get(state.skill.skill_id)
        if index is not None:
            n_skills, base = len(self.skill_index_), 1 + n_dense
            z += self.coef_[base + index]
            for j in range(slopes.shape[1]):
                z += slopes[0, j] * self.coef_[base + (j + 1) * n_skills + index]
        return sigmoid(float(z) + self._transition_term(state))

    def _transition_term(self, state: TraceState) -> float:
        student = state.student
        if not self.spec.transitions or student.last_skill_id is None:
            return 0.0
        pair = self.transition_index_.get(f"{student.last_skill_id}>{state.skill.skill_id}")
        if pair is None:
            return 0.0
        n_pairs = len(self.transition_index_)
        base = 1 + self.spec.n_dense + len(self.skill_index_) * (1 + len(self.spec.per_skill))
        sign = 1.0 if student.last_correct else -1.0
        return float(self.coef_[base + pair] + sign * self.coef_[base + n_pairs + pair])


class PFA(LogisticTracer):
    """Performance Factors Analysis (Pavlik et al. 2009): per-skill easiness, and
    per-skill weights on the counts of earlier successes and failures on the skill."""

    name = "pfa"
    spec = DesignSpec(dense=(), per_skill=("skill_successes_raw", "skill_failures_raw"))


class BestLR(LogisticTracer):
    """Best-LR style (Gervet et al. 2020) without student ids: per-skill easiness and
    log counts of successes and failures on the skill and on all skills."""

    name = "best-lr"
    spec = DesignSpec(
        dense=("skill_successes", "skill_failures", "student_successes", "student_failures")
    )


def _transition_keys(log: ResponseLog) -> tuple[IntArray, IntArray, list[str]]:
    """Rows that follow another answer of the same student, each one's code into the
    distinct 'previous skill>skill' keys, and those keys (no Python object per row)."""
    rows = np.flatnonzero(log.student[1:] == log.student[:-1]) + 1
    codes = log.skill[rows - 1] * max(log.n_skills, 1) + log.skill[rows]
    unique, inverse = np.unique(codes, return_inverse=True)
    names = log.skill_ids
    k = max(log.n_skills, 1)
    labels = [f"{names[c // k]}>{names[c % k]}" for c in unique.tolist()]
    return rows, inverse.reshape(-1).astype(np.int64), labels


def _typical_rates(log: ResponseLog, smoothing: float = 5.0) -> dict[str, float]:
    """Each skill's success rate, shrunk toward the overall rate (key "")."""
    overall = float(log.correct.mean()) if len(log) else 0.5
    n = np.bincount(log.skill, minlength=log.n_skills)
    wins = np.bincount(log.skill, weights=log.correct.astype(np.float64), minlength=log.n_skills)
    rates = (wins + smoothing * overall) / (n + smoothing)
    return {"": overall, **{s: float(r) for s, r in zip(log.skill_ids, rates, strict=True)}}
