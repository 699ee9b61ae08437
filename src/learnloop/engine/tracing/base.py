"""The one contract every learner model honours, and the online state it works on.

Batch and online use are separate on purpose (pyBKT's Model vs Roster): `fit` and
`predict_proba` work on whole response logs, while the web app only ever calls the O(1)
`update` / `mastery` / `predict_correct` on the hot path. The online state is shared by
all models so that one database schema stores any of them; fields a model does not use
keep their defaults.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol, Self, TypeVar, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from learnloop.engine.fitting.log import ResponseLog

FloatArray = NDArray[np.float64]


def sigmoid(z: float) -> float:
    """The logistic function of one number, as scipy's expit computes it (1 / (1 + e^-z)).

    The online update uses this, not scipy: a web worker that only answers need not
    import scipy (about 30 MB of memory per process, docs/benchmarks/system.md).
    """
    return 1.0 / (1.0 + (math.exp(-z) if z > -709.0 else math.inf))


@dataclass(frozen=True)
class Observation:
    """One graded answer: which skill (standard), whether it was correct, and when."""

    skill_id: str
    correct: bool
    timestamp: datetime | None = None
    item_id: str | None = None

    def __post_init__(self) -> None:
        if self.timestamp is not None and self.timestamp.utcoffset() is None:
            raise ValueError("Observation.timestamp must be timezone-aware (UTC)")


@dataclass(frozen=True)
class SkillState:
    """What the engine knows about one student on one skill.

    `mastery` is the probability that the skill is learned (BKT posterior for the
    BKT-based models). Counts feed the logistic models; `recent_*` are sums decayed by a
    factor per attempt on this skill, `ability` is the Elo per-skill ability offset.
    """

    skill_id: str
    mastery: float
    attempts: int = 0
    successes: int = 0
    recent_successes: float = 0.0
    recent_failures: float = 0.0
    ability: float = 0.0
    last_seen: float | None = None

    @property
    def failures(self) -> int:
        return self.attempts - self.successes

    def to_dict(self) -> dict[str, Any]:
        return _without_defaults(asdict(self), RELATIONAL_SKILL_FIELDS)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SkillState:
        return cls(**data)


@dataclass(frozen=True)
class StudentState:
    """Aggregates over all of one student's answers, whatever the skill.

    `recent_*` are decayed by a factor per attempt on any skill; `last_correct` and
    `last_skill_id` describe the previous answer (None before the first one).
    `surprise` sums (answer - the skill's typical success rate): a difficulty-adjusted
    ability; `recent_surprise` is the same sum decayed per attempt. The relational model
    alone uses `last_seen` (seconds since the epoch), `concepts` (running evidence per
    latent concept) and `timed` (time-decayed successes and failures); others leave them.
    """

    attempts: int = 0
    successes: int = 0
    recent_successes: float = 0.0
    recent_failures: float = 0.0
    surprise: float = 0.0
    recent_surprise: float = 0.0
    ability: float = 0.0
    last_correct: bool | None = None
    last_skill_id: str | None = None
    last_seen: float | None = None
    concepts: tuple[float, ...] = ()
    timed: tuple[float, ...] = ()

    @property
    def failures(self) -> int:
        return self.attempts - self.successes

    def to_dict(self) -> dict[str, Any]:
        return _without_defaults(asdict(self), RELATIONAL_STUDENT_FIELDS)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StudentState:
        values = dict(data)
        for name in ("concepts", "timed"):
            if name in values:
                values[name] = tuple(float(v) for v in values[name])
        return cls(**values)


# Fields only the relational model fills. Left out of a stored state while they hold
# their defaults, so that every other model stores (and a rebuild from the log writes)
# exactly the rows it did before they existed; `from_dict` gives the defaults back.
RELATIONAL_SKILL_FIELDS: dict[str, Any] = {"last_seen": None}
RELATIONAL_STUDENT_FIELDS: dict[str, Any] = {"last_seen": None, "concepts": (), "timed": ()}


def _without_defaults(values: dict[str, Any], optional: dict[str, Any]) -> dict[str, Any]:
    for name, default in optional.items():
        if values.get(name) == default:
            del values[name]
    return values


@dataclass(frozen=True)
class TraceState:
    """The pair a model updates on every answer: the student's aggregates and one skill.

    The web app keeps one StudentState per student and one SkillState per (student,
    skill); it loads both, calls `update`, and stores both back.
    """

    skill: SkillState
    student: StudentState = field(default_factory=StudentState)

    def to_dict(self) -> dict[str, Any]:
        return {"skill": self.skill.to_dict(), "student": self.student.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TraceState:
        return cls(
            skill=SkillState.from_dict(data["skill"]),
            student=StudentState.from_dict(data["student"]),
        )


_State = TypeVar("_State", "SkillState", "StudentState", "TraceState")


def evolve(state: _State, **changes: Any) -> _State:
    """`dataclasses.replace` for the states here, which check nothing on creation (no
    `__post_init__`): a copy of the fields with `changes`, the input untouched. Called a
    few times per answer; `replace` costs about three times as much (it goes through
    `__init__` field by field)."""
    unknown = changes.keys() - state.__dict__.keys()
    if unknown:
        raise TypeError(f"{type(state).__name__} has no field {sorted(unknown)}")
    new = object.__new__(type(state))
    new.__dict__.update(state.__dict__, **changes)  # frozen: no __setattr__ on `new`
    return new


def count_answer(
    state: TraceState,
    correct: bool,
    skill_decay: float,
    student_decay: float,
    typical_rate: float = 0.0,
) -> TraceState:
    """Advance the counters and decayed sums that every model keeps, by one answer.

    `typical_rate` is the skill's population success rate, for the surprise sums.
    """
    surprise = float(correct) - typical_rate
    skill, student = state.skill, state.student
    new_skill = evolve(
        skill,
        attempts=skill.attempts + 1,
        successes=skill.successes + int(correct),
        recent_successes=skill.recent_successes * skill_decay + float(correct),
        recent_failures=skill.recent_failures * skill_decay + float(not correct),
    )
    new_student = evolve(
        student,
        attempts=student.attempts + 1,
        successes=student.successes + int(correct),
        recent_successes=student.recent_successes * student_decay + float(correct),
        recent_failures=student.recent_failures * student_decay + float(not correct),
        surprise=student.surprise + surprise,
        recent_surprise=student.recent_surprise * student_decay + surprise,
        last_correct=correct,
        last_skill_id=skill.skill_id,
    )
    return TraceState(skill=new_skill, student=new_student)


@runtime_checkable
class LearnerModel(Protocol):
    """A knowledge-tracing model: batch fit and prediction, O(1) online update."""

    name: str

    def fit(self, log: ResponseLog) -> Self:
        """Estimate parameters from a chronological response log; returns self."""
        ...

    def predict_proba(self, log: ResponseLog) -> FloatArray:
        """P(correct) for every response, each from that student's earlier answers only."""
        ...

    def params(self) -> dict[str, Any]:
        """Fitted parameters as a JSON-serialisable dict (see `from_params`)."""
        ...

    def initial_state(self, skill_id: str, student: StudentState | None = None) -> TraceState:
        """The state before the student's first answer on this skill."""
        ...

    def update(self, state: TraceState, observation: Observation) -> TraceState:
        """The state after one more answer; O(1), never mutates its input."""
        ...

    def mastery(self, state: TraceState) -> float:
        """Probability that the skill is mastered, in [0, 1]."""
        ...

    def predict_correct(self, state: TraceState) -> float:
        """Probability that the next answer on this skill is correct."""
        ...
