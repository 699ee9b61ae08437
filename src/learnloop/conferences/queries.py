"""Conferences' literal statements, run by `core.sql`: the student's open actions, read
on every answer's board (as commitments) and on the student's conferences page, written
out once (ADR 0004: building the QuerySet cost more than running it).
"""

from __future__ import annotations

from learnloop.accounts.models import NAME_FIELDS, User
from learnloop.conferences.models import AgreedAction, Conference, Owner
from learnloop.content.models import Activity
from learnloop.core.sql import Statement, column, instance, table

ACTION_FIELDS = tuple(field.name for field in AgreedAction._meta.concrete_fields)
CONFERENCE_FIELDS = ("student", "teacher", "held_at")
ACTION_COLUMNS = [
    *((AgreedAction, name) for name in ACTION_FIELDS),
    *((Conference, name) for name in CONFERENCE_FIELDS),
    *((User, name) for name in NAME_FIELDS),
    (Activity, "title"),
]


def _open_actions_sql() -> str:
    action, conference = AgreedAction, Conference
    return (
        f"SELECT {', '.join(column(model, name) for model, name in ACTION_COLUMNS)} "
        f"FROM {table(action)} "
        f"INNER JOIN {table(conference)} "
        f"ON {column(conference, 'id')} = {column(action, 'conference')} "
        f"INNER JOIN {table(User)} ON {column(User, 'id')} = {column(conference, 'teacher')} "
        f"LEFT OUTER JOIN {table(Activity)} "
        f"ON {column(Activity, 'id')} = {column(action, 'activity')} "
        f"WHERE {column(action, 'owner')} = %s AND {column(action, 'done_at')} IS NULL "
        f"AND {column(conference, 'student')} = %s "
        f"ORDER BY {column(action, 'due_on')} ASC, {column(action, 'created_at')} ASC"
    )


OPEN_ACTIONS = Statement(_open_actions_sql, ACTION_COLUMNS)


def open_actions_for_student(student_id: int) -> list[AgreedAction]:
    """The student's own open actions of their conferences, by due date then age: every
    field of each action, its conference's student, teacher (names) and date, and its
    activity's title (other fields of those deferred)."""
    actions = []
    own, conference_end = len(ACTION_FIELDS), len(ACTION_FIELDS) + len(CONFERENCE_FIELDS)
    names_end = conference_end + len(NAME_FIELDS)
    for row in OPEN_ACTIONS.rows(Owner.STUDENT, student_id):
        fields = dict(zip(ACTION_FIELDS, row[:own], strict=True))
        action = instance(AgreedAction, fields)
        held = dict(zip(CONFERENCE_FIELDS, row[own:conference_end], strict=True))
        conference = instance(Conference, {"id": fields["conference"], **held})
        names = dict(zip(NAME_FIELDS, row[conference_end:names_end], strict=True))
        conference.teacher = instance(User, {"id": held["teacher"], **names})
        action.conference = conference
        activity_title = row[names_end]
        action.activity = (
            instance(Activity, {"id": fields["activity"], "title": activity_title})
            if fields["activity"] is not None
            else None
        )
        actions.append(action)
    return actions
