"""What teaching gives the rest of the product, registered in AppConfig.ready():
open assignments as commitments, first on the student's choice board.
"""

from __future__ import annotations

from datetime import datetime

from learnloop.accounts.models import NAME_FIELDS, User
from learnloop.content.models import Activity
from learnloop.core.sql import column, instance, per_vendor, select, table
from learnloop.engine.recommend import Commitment
from learnloop.learning.commitments import end_of_day
from learnloop.learning.page_extras import PageCard
from learnloop.teaching.completion import statuses_for_assignments
from learnloop.teaching.models import Assignment, Recipient


def assignment_reason(assignment: Assignment) -> str:
    """'Assigned by Elena Rivera · due Fri 27 Nov · Bring your ratio table.'"""
    parts = [f"Assigned by {assignment.assigned_by.name}" if assignment.assigned_by else "Assigned"]
    if assignment.due_on:
        due = assignment.due_on
        parts.append(f"due {due:%a} {due.day} {due:%b}")
    if assignment.note:
        parts.append(assignment.note)
    return " · ".join(parts)


@per_vendor
def _open_assignments_sql() -> str:
    """The student's assignments not marked done, with what the board shows, in due
    order: plain SQL, as it runs on every answer's board (see core.sql)."""
    return (
        f"SELECT {', '.join(column(model, name) for model, name in ASSIGNMENT_COLUMNS)} "
        f"FROM {table(Recipient)} "
        f"INNER JOIN {table(Assignment)} "
        f"ON {column(Assignment, 'id')} = {column(Recipient, 'assignment')} "
        f"INNER JOIN {table(Activity)} "
        f"ON {column(Activity, 'id')} = {column(Assignment, 'activity')} "
        f"LEFT OUTER JOIN {table(User)} "
        f"ON {column(User, 'id')} = {column(Assignment, 'assigned_by')} "
        f"WHERE {column(Recipient, 'student')} = %s AND {column(Recipient, 'done_at')} IS NULL "
        f"ORDER BY {column(Assignment, 'due_on')} ASC, {column(Assignment, 'created_at')} ASC"
    )


ASSIGNMENT_FIELDS = ("id", "activity", "due_on", "note", "created_at", "assigned_by")
ASSIGNMENT_COLUMNS = [
    *((Assignment, name) for name in ASSIGNMENT_FIELDS),
    (Activity, "title"), (Activity, "kind"),
    *((User, name) for name in NAME_FIELDS),
]  # fmt: skip


def open_assignments_for_student(student: User) -> list[Assignment]:
    """Assignments the student has not marked done, with their activity's title and kind
    and who assigned them (other fields deferred)."""
    assignments = []
    for row in select(_open_assignments_sql(), ASSIGNMENT_COLUMNS, [student.pk]):
        own, (title, kind, *name) = row[: len(ASSIGNMENT_FIELDS)], row[len(ASSIGNMENT_FIELDS) :]
        fields = dict(zip(ASSIGNMENT_FIELDS, own, strict=True))
        assignment = instance(Assignment, fields)
        assignment.activity = instance(
            Activity, {"id": fields["activity"], "title": title, "kind": kind}
        )
        assignment.assigned_by = (
            instance(
                User, {"id": fields["assigned_by"], **dict(zip(NAME_FIELDS, name, strict=True))}
            )
            if fields["assigned_by"] is not None
            else None
        )
        assignments.append(assignment)
    return assignments


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
