"""What conferences give the rest of the product, registered in AppConfig.ready():
open student actions as choice-board commitments, and shared notes tagged with a
standard and level as gradebook evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.urls import reverse

from learnloop.accounts.models import NAME_FIELDS, User
from learnloop.conferences.models import AgreedAction, Conference, ConferenceNote, Owner, Visibility
from learnloop.core.sql import column, instance, per_vendor, select, table
from learnloop.engine.recommend import Commitment
from learnloop.gradebook.evidence import Evidence
from learnloop.learning.commitments import end_of_day

CONFERENCE_NOTE_WEIGHT = 0.5  # a remark in a ten-minute talk, less than a planned observation


@per_vendor
def _open_actions_sql() -> str:
    """Open student actions of the student's conferences with what the board shows:
    `selectors.open_actions_for_student` as plain SQL (it runs on every answer's board;
    see core.sql), with the same order."""
    action, conference = AgreedAction, Conference
    return (
        f"SELECT {', '.join(column(model, name) for model, name in ACTION_COLUMNS)} "
        f"FROM {table(action)} "
        f"INNER JOIN {table(conference)} "
        f"ON {column(conference, 'id')} = {column(action, 'conference')} "
        f"INNER JOIN {table(User)} ON {column(User, 'id')} = {column(conference, 'teacher')} "
        f"WHERE {column(action, 'owner')} = %s AND {column(action, 'done_at')} IS NULL "
        f"AND {column(conference, 'student')} = %s "
        f"ORDER BY {column(action, 'due_on')} ASC, {column(action, 'created_at')} ASC"
    )


ACTION_COLUMNS = [
    (AgreedAction, "id"), (AgreedAction, "title"), (AgreedAction, "activity"),
    (AgreedAction, "due_on"), (AgreedAction, "created_at"), (Conference, "held_at"),
    *((User, name) for name in NAME_FIELDS),
]  # fmt: skip


def conference_commitments(student: User, now: datetime) -> list[Commitment]:
    """Open actions the student agreed to, for the top of their choice board."""
    commitments = []
    rows = select(_open_actions_sql(), ACTION_COLUMNS, [Owner.STUDENT, student.pk])
    for pk, title, activity_id, due_on, created_at, held_at, *name in rows:
        teacher = instance(User, dict(zip(NAME_FIELDS, name, strict=True)))
        when = held_at or created_at
        due = f" Due {due_on:%a} {due_on.day} {due_on:%b}." if due_on else ""
        commitments.append(
            Commitment(
                key=f"conference-action-{pk}",
                title=title,
                reason=(
                    f"You and {teacher.name} agreed on this in your "
                    f"conference on {when:%b} {when.day}.{due}"
                ),
                activity_id=activity_id,
                due=end_of_day(due_on) if due_on else None,
            )
        )
    return commitments


def conference_evidence(student_ids: Sequence[int], standard_ids: Sequence[int]) -> list[Evidence]:
    """Shared notes with a standard and a level. Private notes never count: a level the
    student cannot trace to anything they can read would not be fair."""
    notes = ConferenceNote.objects.filter(
        conference__student_id__in=student_ids,
        standard_id__in=standard_ids,
        level__isnull=False,
        visibility=Visibility.SHARED,
    ).select_related("conference")
    return [
        Evidence(
            student_id=note.conference.student_id,
            standard_id=note.standard_id,
            kind="conference",
            level=note.level,
            weight=CONFERENCE_NOTE_WEIGHT,
            observed_at=note.created_at,
            label=f"Conference note: {note.text}",
            url=reverse("conferences_detail", args=[note.conference_id]),
        )
        for note in notes
    ]
