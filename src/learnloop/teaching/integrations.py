"""What teaching gives the rest of the product, registered in AppConfig.ready():
open assignments as commitments, first on the student's choice board.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.core.readable import short_day
from learnloop.engine.recommend import Commitment
from learnloop.learning.commitments import end_of_day
from learnloop.learning.page_extras import PageCard
from learnloop.teaching.completion import statuses_for_assignments
from learnloop.teaching.models import Assignment, Recipient
from learnloop.teaching.queries import open_assignments_for_student


def assignment_reason(assignment: Assignment) -> str:
    """'Assigned by Elena Rivera · due Fri 27 Nov · Bring your ratio table.'"""
    if assignment.assigned_by:
        parts = [gettext("Assigned by %(name)s") % {"name": assignment.assigned_by.name}]
    else:
        parts = [gettext("Assigned")]
    if assignment.due_on:
        parts.append(gettext("due %(date)s") % {"date": short_day(assignment.due_on)})
    if assignment.note:
        parts.append(assignment.note)
    return " · ".join(parts)


def assignment_commitments(student: User, now: datetime) -> list[Commitment]:
    """The student's assignments that are not finished yet (one query when none are
    open; three more to tell whether a practice assignment is done)."""
    assignments = open_assignments_for_student(student)
    if not assignments:
        return []
    open_ones = [
        status.assignment
        for status in statuses_for_assignments(assignments, student=student)
        if not status.done_count
    ]
    return [
        Commitment(
            key=f"assignment-{a.pk}",
            title=a.activity.title,
            reason=assignment_reason(a),
            activity_id=a.activity_id,
            due=end_of_day(a.due_on) if a.due_on else None,
        )
        for a in open_ones
    ]


def assigned_activity_cards(*, student: User, activity: object, **_: object) -> list[PageCard]:
    """The student's activity page: the assignment they can mark finished."""
    kind = getattr(activity, "kind", "")
    if kind not in ("lesson", "project"):
        return []
    assignment = (
        Assignment.objects.filter(
            activity=activity, recipients__student=student, recipients__done_at__isnull=True
        )
        .select_related("assigned_by")
        .order_by("due_on", "created_at")
        .first()
    )
    if assignment is None:
        return []
    return [PageCard("teaching/cards/assigned_activity.html", {"assignment": assignment})]


def activity_assigned_to(student: User, activity_id: int) -> bool:
    """For learning.access: was this activity assigned to the student (done or not)?"""
    return Recipient.objects.filter(student=student, assignment__activity_id=activity_id).exists()
