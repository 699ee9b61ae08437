"""Teaching's literal statements, run by `core.sql`: the reads that run on every answer's
board (the student's open assignments) or read thousands of rows (the heatmap's states),
where building a QuerySet costs more than running it (ADR 0004). Written out once here;
`integrations` and `heatmap` decide what to do with what they return.
"""

from __future__ import annotations

from learnloop.accounts.models import NAME_FIELDS, User
from learnloop.content.models import Activity
from learnloop.core.sql import Statement, column, fetch, instance, table
from learnloop.learning.models import MasteryState
from learnloop.teaching.models import Assignment, Recipient

ASSIGNMENT_FIELDS = ("id", "activity", "due_on", "note", "created_at", "assigned_by")
ASSIGNMENT_COLUMNS = [
    *((Assignment, name) for name in ASSIGNMENT_FIELDS),
    (Activity, "title"), (Activity, "kind"),
    *((User, name) for name in NAME_FIELDS),
]  # fmt: skip


def _open_assignments_sql() -> str:
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


OPEN_ASSIGNMENTS = Statement(_open_assignments_sql, ASSIGNMENT_COLUMNS)


def open_assignments_for_student(student: User) -> list[Assignment]:
    """Assignments the student has not marked done, in due order, with their activity's
    title and kind and who assigned them (other fields deferred)."""
    assignments = []
    for row in OPEN_ASSIGNMENTS.rows(student.pk):
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


STATE_COLUMNS = ("student", "standard", "combined_level", "mastery", "attempts", "successes")
ClassStates = dict[tuple[int, int], tuple[int, float, int, int]]


def class_states(student_ids: list[int]) -> ClassStates:
    """(level, mastery, attempts, successes) by (student, standard), the level being the
    cell's one stored level (learning.standing): the dashboard's one large read (3,500
    rows for 35 x 100). As a QuerySet, building its IN list and a dict per row cost more
    than the query. The IN list has one parameter per student."""
    if not student_ids:
        return {}
    placeholders = ", ".join(["%s"] * len(student_ids))
    sql = (
        f"SELECT {', '.join(column(MasteryState, name) for name in STATE_COLUMNS)} "
        f"FROM {table(MasteryState)} "
        f"WHERE {column(MasteryState, 'student')} IN ({placeholders})"
    )
    return {
        (student, standard): (level, mastery, attempts, successes)
        for student, standard, level, mastery, attempts, successes in fetch(sql, student_ids)
    }
