"""Demo seed step: one held conference for Maya with Ms. Rivera, and a few observations.

Idempotent: every row has a fixed client id, and the services return what a repeated
call already stored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.conferences.models import Owner, Status, Visibility
from learnloop.conferences.services import (
    add_action,
    add_note,
    hold_conference,
    request_conference,
)
from learnloop.content.models import Activity
from learnloop.gradebook.services import record_observation
from learnloop.learning.models import MasteryState
from learnloop.standards.models import Standard

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

NAMESPACE = uuid.UUID("0b6f4f53-2f7e-4c1e-9d39-0c6a3c0d5a21")
FALLBACK_CODE = "6.RP.A.2"


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def _weakest_practice(student: User) -> Activity | None:
    """The demo practice on the student's weakest practiced standard, else on 6.RP.A.2."""
    codes = list(
        MasteryState.objects.filter(student=student, attempts__gt=0)
        .order_by("mastery", "standard__code")
        .values_list("standard__code", flat=True)
    )
    for code in [*codes, FALLBACK_CODE]:
        activity = Activity.objects.filter(source_identifier=f"demo:practice:{code}").first()
        if activity is not None:
            return activity
    return None


def seed_demo_conferences(demo: DemoSchool) -> None:
    maya, rivera = demo.person("maya"), demo.person("rivera")
    if maya is None or rivera is None:
        return
    practice = _weakest_practice(maya)
    held = (timezone.now() - dt.timedelta(days=2)).replace(
        hour=10, minute=15, second=0, microsecond=0
    )
    conference = request_conference(
        student=maya,
        teacher=rivera,
        requested_by=maya,
        topic="I mix up ratios and unit rates when the numbers get big.",
        client_id=_key("maya-conference"),
        scheduled_at=held,
        place="Room 12, before lunch",
        now=held - dt.timedelta(days=1),
    )
    if conference.status == Status.SCHEDULED:
        hold_conference(conference=conference, now=held + dt.timedelta(minutes=10))
    notes = [
        (
            "shared",
            Visibility.SHARED,
            "Maya explained unit price with the juice-box example. "
            "Next: use a ratio table before dividing.",
        ),
        (
            "private",
            Visibility.PRIVATE,
            "Maya seemed tired; check in with her about the after-school schedule.",
        ),
    ]
    for name, visibility, text in notes:
        add_note(
            conference=conference,
            author=rivera,
            text=text,
            visibility=visibility,
            client_id=_key(f"maya-note-{name}"),
            now=held + dt.timedelta(minutes=5),
        )
    code = practice.standards.first().code if practice is not None else FALLBACK_CODE
    add_action(
        conference=conference,
        owner=Owner.STUDENT,
        title=f"Practice {code} — 10 items",
        activity=practice,
        due_on=(held + dt.timedelta(days=7)).date(),
        client_id=_key("maya-action-student"),
        now=held + dt.timedelta(minutes=8),
    )
    add_action(
        conference=conference,
        owner=Owner.TEACHER,
        title="Find a short video on ratio tables for Maya",
        client_id=_key("maya-action-teacher"),
        now=held + dt.timedelta(minutes=9),
    )
    _seed_observations(maya, rivera, held)


def _seed_observations(student: User, teacher: User, when: dt.datetime) -> None:
    observations = [
        ("6.RP.A.1", 3, "Explained 6.RP.A.1 in discussion: “for every 2 cups of flour, 3 eggs”."),
        ("6.RP.A.2", 2, "Found the unit rate with help from a ratio table."),
    ]
    for code, level, note in observations:
        standard = Standard.objects.filter(
            code=code, framework__classrooms__enrollments__student=student
        ).first()
        if standard is None:
            continue
        record_observation(
            observer=teacher,
            student=student,
            standard=standard,
            level=level,
            note=note,
            client_id=_key(f"observation-{student.username}-{code}"),
            observed_at=when - dt.timedelta(days=1),
        )
