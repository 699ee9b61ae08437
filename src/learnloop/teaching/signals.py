"""What students tell us about themselves, for the teacher's alerts and profile.

The goals app owns help requests, self-assessments, goals and reflections. It registers
a source in the SIGNAL_SOURCES slot in its AppConfig.ready(): a function
(student_ids, scope) -> StudentSignals, which keeps only the records in `scope`
(privacy.scope: the class's or the teacher's classes' frameworks).
The teaching app reads only these plain records, so it never imports the goals app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from learnloop.core.slots import Slot
from learnloop.learning.goal_lines import GoalLine
from learnloop.privacy.scope import Scope


@dataclass(frozen=True)
class HelpSignal:
    student_id: int
    text: str
    asked_at: dt.datetime
    standard_id: int | None = None


@dataclass(frozen=True)
class SelfRating:
    """A student's latest 1-4 confidence on one standard."""

    student_id: int
    standard_id: int
    rating: int
    rated_at: dt.datetime


@dataclass(frozen=True)
class ReflectionLine:
    student_id: int
    text: str
    written_at: dt.datetime
    about: str = ""


@dataclass
class StudentSignals:
    help: list[HelpSignal] = field(default_factory=list)  # open requests only
    ratings: list[SelfRating] = field(default_factory=list)  # latest per standard
    goals: list[GoalLine] = field(default_factory=list)
    reflections: list[ReflectionLine] = field(default_factory=list)  # newest first

    def extend(self, other: StudentSignals) -> None:
        self.help.extend(other.help)
        self.ratings.extend(other.ratings)
        self.goals.extend(other.goals)
        self.reflections.extend(other.reflections)


SignalSource = Callable[[Sequence[int], Scope], StudentSignals]
SIGNAL_SOURCES: Slot[SignalSource] = Slot("teaching.signals")


def signals_for_students(student_ids: Sequence[int], scope: Scope) -> StudentSignals:
    """Every registered source's signals for these students within `scope` (a fixed
    number of queries each)."""
    found = StudentSignals()
    for source in SIGNAL_SOURCES:
        found.extend(source(student_ids, scope))
    return found
