"""Demo seed step: two saved groups and one assignment in Ms. Rivera's class.

The groups come from the engine's suggestion on the unit's first cluster (6.RP.A), so
they match the seeded histories: the weakest group gets a reteach lesson. Idempotent:
groups are found by name and the assignment carries a fixed client id.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.utils import timezone

from learnloop.content.models import Activity, ActivityKind, Status
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.group_words import word_reason
from learnloop.teaching.models import Audience, Group
from learnloop.teaching.selectors import suggestion_for_classroom
from learnloop.teaching.services import GroupDraft, create_assignment, save_groups

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

ASSIGNMENT_KEY = uuid.UUID("5b0e7a7c-2f55-4b7e-8d8f-6b8f0d6c4a10")
CLUSTER = "6.RP.A"
NAMES = ("Ratio reteach", "Ratio challenge")


def seed_demo_teaching(demo: DemoSchool) -> None:
    teacher = next((t for t in demo.teachers if t.username == "rivera"), None)
    if teacher is None or not demo.classrooms:
        return
    classroom = demo.classrooms[0]
    standards = [
        s for s in leaf_standards_for_classroom(classroom) if s.code.startswith(CLUSTER + ".")
    ]
    if not standards:
        return
    groups = list(Group.objects.filter(classroom=classroom, name__in=NAMES).order_by("name"))
    if not groups:
        students = list(students_for_classroom(classroom))
        grouping = suggestion_for_classroom(students, standards, k=None)
        if len(grouping.groups) < 2:
            return
        weakest, strongest = grouping.groups[0], grouping.groups[-1]
        groups = save_groups(
            classroom=classroom,
            teacher=teacher,
            standards=standards,
            drafts=[
                GroupDraft(NAMES[0], weakest.member_ids, word_reason(weakest.reason)),
                GroupDraft(NAMES[1], strongest.member_ids, word_reason(strongest.reason)),
            ],
        )
    reteach = next(g for g in groups if g.name == NAMES[0])
    lesson = (
        Activity.objects.filter(
            kind=ActivityKind.LESSON, status=Status.PUBLISHED, standards__in=standards
        )
        .order_by("pk")
        .first()
    )
    if lesson is not None:
        create_assignment(
            classroom=classroom,
            teacher=teacher,
            activity=lesson,
            audience=Audience.GROUP,
            group=reteach,
            client_id=ASSIGNMENT_KEY,
            note="We'll go over it together on Thursday.",
            due_on=timezone.localdate() + dt.timedelta(days=4),
        )
