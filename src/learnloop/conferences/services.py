"""Every conference write: request, plan, schedule, hold, close, notes and actions.

Keyword-only, one transaction each. Rows created from a form carry the page's
client_id, so submitting the same form twice stores one row (docs/conferences.md).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.conferences.agenda import build_agenda
from learnloop.conferences.models import (
    AgreedAction,
    Conference,
    ConferenceNote,
    Owner,
    Status,
    Visibility,
)
from learnloop.conferences.selectors import agenda_facts_for_student, teachers_for_student
from learnloop.content.models import Activity
from learnloop.core.errors import ServiceError
from learnloop.engine.levels import Level
from learnloop.gradebook.services import refresh_levels
from learnloop.privacy.scope import scope_of_teacher
from learnloop.standards.models import Standard

# Which statuses a conference may move to, from which.
MOVES: dict[str, tuple[str, ...]] = {
    Status.SCHEDULED: (Status.REQUESTED, Status.SCHEDULED),
    Status.HELD: (Status.REQUESTED, Status.SCHEDULED),
    Status.CLOSED: (Status.HELD,),
}


class ConferenceError(ServiceError):
    """A write that cannot be made; `field` names the form field that was wrong."""


def _agenda(student: User, teacher: User, topic: str, now: datetime) -> list[dict]:
    """The agenda for a meeting with `teacher`: records of their classes (privacy.scope)."""
    facts = agenda_facts_for_student(student, topic, now, scope_of_teacher(teacher))
    return [line.to_dict() for line in build_agenda(facts, now)]


@transaction.atomic
def request_conference(
    *,
    student: User,
    teacher: User,
    requested_by: User,
    topic: str,
    client_id: uuid.UUID,
    scheduled_at: datetime | None = None,
    place: str = "",
    now: datetime | None = None,
) -> Conference:
    """A new conference, asked for by the student or planned by their teacher."""
    existing = Conference.objects.filter(requested_by=requested_by, client_id=client_id).first()
    if existing is not None:
        return existing
    if not teachers_for_student(student).filter(pk=teacher.pk).exists():
        raise ConferenceError("teacher", gettext("Teacher: choose one of the student's teachers."))
    now = now or timezone.now()
    return Conference.objects.create(
        student=student,
        teacher=teacher,
        requested_by=requested_by,
        client_id=client_id,
        topic=topic.strip(),
        status=Status.SCHEDULED if scheduled_at else Status.REQUESTED,
        scheduled_at=scheduled_at,
        place=place.strip(),
        agenda=_agenda(student, teacher, topic, now),
        created_at=now,
    )


def _move(conference: Conference, status: str) -> None:
    if conference.status not in MOVES[status]:
        raise ConferenceError(
            "status",
            gettext("Status: a %(now)s conference cannot become %(next)s.")
            % {
                "now": conference.get_status_display().lower(),
                "next": str(Status(status).label).lower(),
            },
        )
    conference.status = status


@transaction.atomic
def schedule_conference(*, conference: Conference, scheduled_at: datetime, place: str = "") -> None:
    _move(conference, Status.SCHEDULED)
    conference.scheduled_at = scheduled_at
    conference.place = place.strip()
    conference.save(update_fields=["status", "scheduled_at", "place"])


@transaction.atomic
def hold_conference(*, conference: Conference, now: datetime | None = None) -> None:
    """The meeting happened; a repeat of the same click changes nothing."""
    if conference.status == Status.HELD:
        return
    _move(conference, Status.HELD)
    conference.held_at = now or timezone.now()
    conference.save(update_fields=["status", "held_at"])


@transaction.atomic
def close_conference(*, conference: Conference, now: datetime | None = None) -> None:
    if conference.status == Status.CLOSED:
        return
    _move(conference, Status.CLOSED)
    conference.closed_at = now or timezone.now()
    conference.save(update_fields=["status", "closed_at"])


@transaction.atomic
def refresh_agenda(*, conference: Conference, now: datetime | None = None) -> None:
    """Rebuild the agenda from today's facts, until the conference has been held."""
    if conference.status not in (Status.REQUESTED, Status.SCHEDULED):
        raise ConferenceError(
            "agenda", gettext("Agenda: it is kept as it was once the conference is held.")
        )
    conference.agenda = _agenda(
        conference.student, conference.teacher, conference.topic, now or timezone.now()
    )
    conference.save(update_fields=["agenda"])


def _check_open(conference: Conference) -> None:
    if conference.status == Status.CLOSED:
        raise ConferenceError(
            "conference", gettext("This conference is closed; reopen is not possible.")
        )


@transaction.atomic
def add_note(
    *,
    conference: Conference,
    author: User,
    text: str,
    visibility: str,
    client_id: uuid.UUID,
    standard: Standard | None = None,
    level: int | None = None,
    now: datetime | None = None,
) -> ConferenceNote:
    """A shared or private note; with a standard and level it is gradebook evidence."""
    _check_open(conference)
    if visibility not in Visibility.values:
        raise ConferenceError("visibility", gettext("Who can read it: choose shared or private."))
    if level is not None and not Level.PRACTICING <= level <= Level.MASTERED:
        raise ConferenceError(
            "level", gettext("Level seen: choose one from Practicing to Mastered.")
        )
    if level is not None and standard is None:
        raise ConferenceError(
            "standard", gettext("Standard: choose the standard the level is about.")
        )
    note, _ = ConferenceNote.objects.get_or_create(
        conference=conference,
        client_id=client_id,
        defaults={
            "author": author,
            "text": text.strip(),
            "visibility": visibility,
            "standard": standard,
            "level": level,
            "created_at": now or timezone.now(),
        },
    )
    if note.standard_id is not None and note.level is not None:
        refresh_levels(student_ids=[conference.student_id], standard_ids=[note.standard_id])
    return note


@transaction.atomic
def add_action(
    *,
    conference: Conference,
    owner: str,
    title: str,
    client_id: uuid.UUID,
    activity: Activity | None = None,
    due_on: date | None = None,
    now: datetime | None = None,
) -> AgreedAction:
    """An agreed action; a student's appears first on their choice board until done."""
    _check_open(conference)
    if owner not in Owner.values:
        raise ConferenceError(
            "owner", gettext("Who will do it: choose the student or the teacher.")
        )
    title = title.strip() or (activity.title if activity is not None else "")
    if not title:
        raise ConferenceError(
            "title", gettext("Action: say what will be done, or choose an activity.")
        )
    action, _ = AgreedAction.objects.get_or_create(
        conference=conference,
        client_id=client_id,
        defaults={
            "owner": owner,
            "title": title,
            "activity": activity if owner == Owner.STUDENT else None,
            "due_on": due_on,
            "created_at": now or timezone.now(),
        },
    )
    return action


@transaction.atomic
def complete_action(*, action: AgreedAction, by: User, now: datetime | None = None) -> None:
    if action.done_at is not None:
        return
    action.done_at = now or timezone.now()
    action.done_by = by
    action.save(update_fields=["done_at", "done_by"])
