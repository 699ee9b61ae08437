"""What the teacher asked for, shown first on the choice board.

Other parts of the product (assignments, conference actions) register a source here:
a function (student, now) -> list of engine Commitments. Keeping the list here lets
the board stay ignorant of where commitments come from.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from learnloop.accounts.models import User
from learnloop.engine.recommend import Commitment

CommitmentSource = Callable[[User, datetime], list[Commitment]]
COMMITMENT_SOURCES: list[CommitmentSource] = []


def commitments_for_student(student: User, now: datetime) -> list[Commitment]:
    found: list[Commitment] = []
    for source in COMMITMENT_SOURCES:
        found.extend(source(student, now))
    return sorted(found, key=lambda c: (c.due is None, c.due or now))
