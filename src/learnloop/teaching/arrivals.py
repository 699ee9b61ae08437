"""The class's answers as they arrive, for the dashboard: the newest arrivals first, each
with when it was answered and, for an answer synced later from a device that practiced
offline, when it reached the server; and how many offline answers the server marked
otherwise than the browser did this week (the sync regrades: its mark counts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from learnloop.accounts.models import User
from learnloop.content.models import ItemKind
from learnloop.learning.models import Response

ARRIVALS_SHOWN = 10
ARRIVAL_WINDOW = dt.timedelta(days=30)  # a device syncs within the 30 days the sync accepts
SYNCED_LATE = dt.timedelta(minutes=1)  # a smaller gap is the request's own time
REGRADED_WINDOW = dt.timedelta(days=7)  # "this week": synced in the last seven days


@dataclass(frozen=True)
class Arrival:
    student: User
    item_title: str
    correct: bool
    answered_at: dt.datetime
    received_at: dt.datetime

    @property
    def synced_late(self) -> bool:
        """Answered offline and synced later: the page shows both times."""
        return self.received_at - self.answered_at >= SYNCED_LATE


def arrivals_for_students(
    students: Sequence[User], now: dt.datetime, limit: int = ARRIVALS_SHOWN
) -> list[Arrival]:
    """The students' newest answers by arrival (one query on the (student, created_at)
    index: answers given within the window the sync accepts)."""
    by_pk = {student.pk: student for student in students}
    if not by_pk:
        return []
    rows = (
        Response.objects.filter(student__in=list(by_pk), created_at__gte=now - ARRIVAL_WINDOW)
        .annotate(arrived_at=Coalesce(F("received_at"), F("created_at")))
        .order_by("-arrived_at", "-pk")
        .values_list(
            "student_id", "item__title", "item__kind", "correct", "created_at", "arrived_at"
        )
    )[:limit]
    return [
        Arrival(by_pk[student_id], title or f"{ItemKind(kind).label} item", correct, at, arrived)
        for student_id, title, kind, correct, at, arrived in rows
    ]


def regraded_for_students(students: Sequence[User], now: dt.datetime) -> int:
    """How many of the students' answers synced in the last seven days the server marked
    otherwise than the browser had (`Response.client_correct`, stored by the sync); one
    query on the (student, created_at) index, bounded by the 30 days the sync accepts."""
    if not students:
        return 0
    disagreed = Q(client_correct=True, correct=False) | Q(client_correct=False, correct=True)
    return Response.objects.filter(
        disagreed,
        student__in=[student.pk for student in students],
        created_at__gte=now - ARRIVAL_WINDOW - REGRADED_WINDOW,
        received_at__gte=now - REGRADED_WINDOW,
    ).count()
