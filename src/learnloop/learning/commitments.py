"""What the teacher asked for, shown first on the choice board.

Other parts of the product (assignments, conference actions) register a source in the
COMMITMENT_SOURCES slot: a function (student, now) -> list of engine Commitments. Keeping
the slot here lets the board stay ignorant of where commitments come from.
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


def commitments_for_student(student: User, now: dt.datetime) -> list[Commitment]:
    found: list[Commitment] = []
    for source in COMMITMENT_SOURCES:
        found.extend(source(student, now))
    return sorted(found, key=lambda c: (c.due is None, c.due or now))


def end_of_day(day: dt.date) -> dt.datetime:
    """When something due on `day` is due: 23:59 in the school's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
