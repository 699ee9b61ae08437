"""The practice pack of a class, for its shared devices (GET /teaching/classes/<id>/pack/).

A teacher downloads, for a classroom computer or a trolley of tablets that no one student
owns, the packs of every activity assigned to the class: published, neither a quiz nor
secure, each in the student pack's shape (`learning.pack.shared_pack`) with hints,
scaffolds, worked solutions and grading specs, and tied to no student: no student id and
no values drawn ahead. Variabilized items are left out (the server draws their values
per student and answer, so a mark made from a shared copy would disagree); secure items
never travel (docs/security.md). A student who practices from it still signs in, and each
answer syncs as theirs, regraded by the server.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from learnloop.content.models import Activity, ActivityKind, Status
from learnloop.learning.pack import PACK_VERSION, shared_pack
from learnloop.schools.models import Classroom
from learnloop.teaching.models import Assignment


def packable_assignments(classroom: Classroom) -> list[Activity]:
    """The class's assigned activities that may travel, by title (one query)."""
    assigned = Assignment.objects.filter(classroom=classroom).values("activity_id")
    return list(
        Activity.objects.filter(pk__in=assigned, status=Status.PUBLISHED, secure=False)
        .exclude(kind=ActivityKind.QUIZ)
        .order_by("title", "pk")
    )


def pack_for_classroom(*, classroom: Classroom, now: datetime) -> dict[str, Any]:
    """One file: the class, when it was made, and the pack of each assigned activity with
    an item to practice (a lesson without items has none); a few queries per activity,
    whatever the number of its items."""
    packs = [shared_pack(activity=a, now=now) for a in packable_assignments(classroom)]
    return {
        "version": PACK_VERSION,
        "made_at": now.isoformat(),
        "classroom": {"id": classroom.pk, "name": classroom.name},
        "packs": [pack for pack in packs if pack["items"]],
    }
