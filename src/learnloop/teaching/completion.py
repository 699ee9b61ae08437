"""Who has finished an assignment, read from the response log and the student's own word.

- practice and quiz: done when the student has answered, since the assignment was made,
  every item of the activity, or COMPLETE_AFTER_ITEMS of them for a long activity;
- lesson and project (and an activity without items): done when the student says so
  ("I've finished this").

Three queries for any number of assignments and students.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Max

from learnloop.accounts.models import User
from learnloop.content.models import ActivityItem, ActivityKind
from learnloop.learning.models import Response
from learnloop.teaching.models import Assignment, Recipient

COMPLETE_AFTER_ITEMS = 10
SELF_MARKED_KINDS = {ActivityKind.LESSON, ActivityKind.PROJECT}


@dataclass(frozen=True)
class Progress:
    student: User
    done: bool
    answered: int  # items answered since the assignment (practice and quiz)
    needed: int  # items needed; 0 when the student marks it done themselves
    done_at: datetime | None


@dataclass(frozen=True)
class AssignmentStatus:
    assignment: Assignment
    progress: list[Progress]

    @property
    def done_count(self) -> int:
        return sum(1 for p in self.progress if p.done)

    @property
    def total(self) -> int:
        return len(self.progress)

    @property
    def missing(self) -> list[User]:
        return [p.student for p in self.progress if not p.done]

    @property
    def self_marked(self) -> bool:
        return bool(self.progress) and self.progress[0].needed == 0


def statuses_for_assignments(
    assignments: Sequence[Assignment], student: User | None = None
) -> list[AssignmentStatus]:
    """Completion of each assignment for each recipient (or only for `student`)."""
    recipients = Recipient.objects.filter(assignment__in=list(assignments)).select_related(
        "student"
    )
    if student is not None:
        recipients = recipients.filter(student=student)
    by_assignment: dict[int, list[Recipient]] = defaultdict(list)
    for recipient in recipients.order_by("student__last_name", "student__first_name"):
        by_assignment[recipient.assignment_id].append(recipient)
    items = _items_by_activity(assignments)
    answered = _last_answers(
        {r.student_id for rs in by_assignment.values() for r in rs},
        {i for ids in items.values() for i in ids},
    )
    return [
        AssignmentStatus(
            a,
            [_progress(a, r, items.get(a.activity_id, []), answered) for r in by_assignment[a.pk]],
        )
        for a in assignments
    ]


def _items_by_activity(assignments: Sequence[Assignment]) -> dict[int, list[int]]:
    counted = [a.activity_id for a in assignments if a.activity.kind not in SELF_MARKED_KINDS]
    items: dict[int, list[int]] = defaultdict(list)
    if counted:
        for activity_id, item_id in ActivityItem.objects.filter(
            activity_id__in=counted
        ).values_list("activity_id", "item_id"):
            items[activity_id].append(item_id)
    return items


def _last_answers(student_ids: set[int], item_ids: set[int]) -> dict[tuple[int, int], datetime]:
    if not student_ids or not item_ids:
        return {}
    rows = (
        Response.objects.filter(student__in=student_ids, item__in=item_ids)
        .values("student_id", "item_id")
        .annotate(last=Max("created_at"))
        .values_list("student_id", "item_id", "last")
    )
    return {(student_id, item_id): last for student_id, item_id, last in rows}


def _progress(
    assignment: Assignment,
    recipient: Recipient,
    item_ids: list[int],
    answered: dict[tuple[int, int], datetime],
) -> Progress:
    if not item_ids:
        return Progress(recipient.student, recipient.done_at is not None, 0, 0, recipient.done_at)
    since = assignment.created_at
    last = [answered.get((recipient.student_id, item)) for item in item_ids]
    count = sum(1 for when in last if when is not None and when >= since)
    needed = min(len(item_ids), COMPLETE_AFTER_ITEMS)
    return Progress(recipient.student, count >= needed, count, needed, None)
