"""What conferences give the rest of the product, registered in AppConfig.ready():
open student actions as choice-board commitments, and shared notes tagged with a
standard and level as gradebook evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.urls import reverse
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.conferences.models import Conference, ConferenceNote, Status, Visibility
from learnloop.conferences.queries import open_actions_for_student
from learnloop.core.readable import day_month, short_day
from learnloop.engine.recommend import Commitment
from learnloop.family.digest import NextConference
from learnloop.gradebook.evidence import Evidence
from learnloop.learning.commitments import end_of_day

CONFERENCE_NOTE_WEIGHT = 0.5  # a remark in a ten-minute talk, less than a planned observation


def conference_commitments(student: User, now: datetime) -> list[Commitment]:
    """Open actions the student agreed to, for the top of their choice board."""
    commitments = []
    for action in open_actions_for_student(student.pk):
        due_on, when = action.due_on, action.conference.held_at or action.created_at
        reason = gettext("You and %(teacher)s agreed on this in your conference on %(date)s.") % {
            "teacher": action.conference.teacher.name,
            "date": _day(when),
        }
        commitments.append(
            Commitment(
                key=f"conference-action-{action.pk}",
                title=action.title,
                reason=reason + _due(due_on),
                activity_id=action.activity_id,
                due=end_of_day(due_on) if due_on else None,
            )
        )
    return commitments


def family_action_reasons(student: User) -> dict[str, str]:
    """The same open actions' reasons, told to the family: "Maya and Ms Rivera agreed"."""
    reasons = {}
    for action in open_actions_for_student(student.pk):
        when = action.conference.held_at or action.created_at
        reason = gettext(
            "%(student)s and %(teacher)s agreed on this in their conference on %(date)s."
        ) % {
            "student": student.first_name or student.name,
            "teacher": action.conference.teacher.name,
            "date": _day(when),
        }
        reasons[f"conference-action-{action.pk}"] = reason + _due(action.due_on)
    return reasons


def _day(moment: datetime | date) -> str:
    return day_month(moment)


def _due(due_on: date | None) -> str:
    if due_on is None:
        return ""
    return " " + gettext("Due %(date)s.") % {"date": short_day(due_on)}


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


def next_conference_for_family(student: User, now: datetime) -> NextConference | None:
    """The student's next scheduled conference: its time, place and teacher (family digest)."""
    upcoming = (
        Conference.objects.filter(student=student, status=Status.SCHEDULED, scheduled_at__gte=now)
        .select_related("teacher")
        .order_by("scheduled_at")
        .first()
    )
    if upcoming is None or upcoming.scheduled_at is None:
        return None
    return NextConference(upcoming.scheduled_at, upcoming.teacher.name, upcoming.place)
