"""What the choice board reads and returns: plain frozen dataclasses, no Django."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from learnloop.engine.levels import Level


@dataclass(frozen=True)
class StandardView:
    """What the board needs to know about one standard for one student.

    `recent_answers` and `recent_wrong` count the student's last answers on it (at most
    `rules.RECENT_WINDOW`, newest first): how practice on it is going right now.
    `goal` is set when the standard belongs to one of the student's active goals.
    """

    standard_id: int
    code: str
    mastery: float
    level: Level
    attempts: int
    prerequisite_ids: tuple[int, ...] = ()
    review_due: datetime | None = None
    items_to_mastery: int | None = None
    goal: bool = False
    recent_answers: int = 0
    recent_wrong: int = 0


@dataclass(frozen=True)
class ActivityView:
    activity_id: int
    title: str
    kind: str  # practice | lesson | project | quiz (a worked example is a lesson)
    modality: str  # read | watch | do | make | discuss
    standard_ids: tuple[int, ...]
    minutes: int = 10
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commitment:
    """Something the teacher asked for: an assignment or an agreed conference action."""

    key: str
    title: str
    reason: str
    activity_id: int | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class Option:
    key: str
    kind: str  # assignment | action | review | practice | lesson | project | stretch | explore
    title: str
    reason: str
    activity_id: int | None = None
    standard_id: int | None = None
    modality: str | None = None
    score: float = 0.0
    for_goal: bool = False  # on one of the student's goal standards


@dataclass(frozen=True)
class BoardInput:
    standards: Sequence[StandardView]
    activities: Sequence[ActivityView]
    commitments: Sequence[Commitment] = ()
    interests: frozenset[str] = frozenset()
    recent_modalities: Sequence[str] = ()
    now: datetime | None = None
    exclude_activity_ids: frozenset[int] = field(default_factory=frozenset)
