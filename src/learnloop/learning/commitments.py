"""What the teacher asked for and what the student aims at: never dropped from the board.

Other parts of the product (assignments, conference actions) register a source in the
COMMITMENT_SOURCES slot: a function (student, now) -> list of engine Commitments, shown
first. Goals register in GOAL_STANDARDS: a function student -> the standards of their
active goals, which the board keeps whatever else it offers. Keeping the slots here lets
the board stay ignorant of where commitments and goals come from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.core.slots import Slot
from learnloop.engine.recommend import Commitment

CommitmentSource = Callable[[User, dt.datetime], list[Commitment]]
COMMITMENT_SOURCES: Slot[CommitmentSource] = Slot(
    "learning.commitments", doc="the choice board's first options"
)


GoalStandardSource = Callable[[User], set[int]]
GOAL_STANDARDS: Slot[GoalStandardSource] = Slot(
    "learning.goal_standards",
    doc="the standards of the student's active goals, kept on the choice board",
    query_budget=1,
)


def goal_standard_ids(student: User) -> frozenset[int]:
    """The standards of the student's active goals (one query per registered source)."""
    found: set[int] = set()
    for source in GOAL_STANDARDS:
        found |= source(student)
    return frozenset(found)


def commitments_for_student(student: User, now: dt.datetime) -> list[Commitment]:
    found: list[Commitment] = []
    for source in COMMITMENT_SOURCES:
        found.extend(source(student, now))
    return sorted(found, key=lambda c: (c.due is None, c.due or now))


def end_of_day(day: dt.date) -> dt.datetime:
    """When something due on `day` is due: 23:59 in the school's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
