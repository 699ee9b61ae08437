"""Every goals write: goals and their status, co-signs, reflections, ratings, help requests.

Keyword-only, one transaction each. Rows created from a form carry the page's client_id,
so the same submission twice stores one row; asking for help while a request is open
returns the open one (docs/goals.md).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.content.models import Activity
from learnloop.core.errors import ServiceError
from learnloop.core.events import LearningEvent, Verb, record_events
from learnloop.goals.calibration import SCALE
from learnloop.goals.models import (
    COMMENT_LIMIT,
    MESSAGE_LIMIT,
    TEXT_LIMIT,
    Goal,
    GoalKind,
    GoalStatus,
    HelpRequest,
    Reflection,
    SelfAssessment,
)
from learnloop.goals.progress import week_start
from learnloop.learning.models import NewsKind
from learnloop.learning.news import post_news
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_student

MAX_WEEKLY_MINUTES = 1200
# Control characters other than tab and newline never belong in plain text.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class GoalError(ServiceError):
    """A write that cannot be made; `field` names the form field that was wrong."""


def plain_text(text: str) -> str:
    """Text as typed, without control characters, with Windows newlines made plain."""
    return CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def _check_goal(
    *, student: User, kind: str, title: str, target_on: dt.date, today: dt.date
) -> None:
    if kind not in GoalKind.values:
        raise GoalError("kind", gettext("Kind of goal: choose standards or a practice habit."))
    if not title:
        raise GoalError("title", gettext("My goal: say in your own words what you want to do."))
    if len(title) > 200:
        raise GoalError("title", gettext("My goal: keep it to 200 characters."))
    if target_on <= today:
        raise GoalError("target_on", gettext("Target date: choose a day after today."))


@transaction.atomic
def create_goal(
    *,
    student: User,
    kind: str,
    title: str,
    target_on: dt.date,
    client_id: uuid.UUID,
    standards: Sequence[Standard] = (),
    weekly_minutes: int | None = None,
    now: dt.datetime | None = None,
) -> Goal:
    """A new active goal on some of the student's standards, or a weekly practice habit."""
    existing = Goal.objects.filter(student=student, client_id=client_id).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    title = plain_text(title)
    _check_goal(student=student, kind=kind, title=title, target_on=target_on, today=now.date())
    if kind == GoalKind.STANDARDS:
        allowed = {s.pk for s in leaf_standards_for_student(student)}
        if not standards:
            raise GoalError("standards", gettext("Standards: tick at least one standard."))
        if any(s.pk not in allowed for s in standards):
            raise GoalError("standards", gettext("Standards: choose standards from your classes."))
        weekly_minutes = None
    elif weekly_minutes is None or not 1 <= weekly_minutes <= MAX_WEEKLY_MINUTES:
        raise GoalError(
            "weekly_minutes",
            gettext("Minutes a week: enter a number from 1 to %(most)d.")
            % {"most": MAX_WEEKLY_MINUTES},
        )
    goal = Goal.objects.create(
        student=student,
        client_id=client_id,
        kind=kind,
        title=title,
        target_on=target_on,
        weekly_minutes=weekly_minutes,
        created_at=now,
    )
    if kind == GoalKind.STANDARDS:
        goal.standards.set(standards)
    record_events([_goal_event(Verb.GOAL_SET, goal, student, [s.pk for s in standards], now)])
    return goal


def _goal_event(
    verb: str, goal: Goal, student: User, standard_ids: Sequence[int], when: dt.datetime
) -> LearningEvent:
    return LearningEvent(
        verb=verb,
        student_id=student.pk,
        school_id=student.school_id,
        object_type="goal",
        object_id=goal.pk,
        when=when,
        standard_ids=tuple(standard_ids),
    )


def _close(goal: Goal, status: str, now: dt.datetime | None) -> None:
    if goal.status == status:
        return
    if goal.status != GoalStatus.ACTIVE:
        raise GoalError(
            "status",
            gettext("This goal is already %(status)s.")
            % {"status": goal.get_status_display().lower()},
        )
    goal.status = status
    goal.closed_at = now or timezone.now()
    goal.save(update_fields=["status", "closed_at"])


@transaction.atomic
def achieve_goal(*, goal: Goal, now: dt.datetime | None = None) -> None:
    """The student says they did it (suggested when progress reaches 100%)."""
    if goal.status == GoalStatus.ACHIEVED:
        return
    _close(goal, GoalStatus.ACHIEVED, now)
    standard_ids = list(goal.standards.values_list("pk", flat=True))
    when = goal.closed_at or timezone.now()
    record_events([_goal_event(Verb.GOAL_MET, goal, goal.student, standard_ids, when)])


@transaction.atomic
def abandon_goal(*, goal: Goal, now: dt.datetime | None = None) -> None:
    _close(goal, GoalStatus.ABANDONED, now)


@transaction.atomic
def request_cosign(*, goal: Goal, now: dt.datetime | None = None) -> None:
    """Ask the teacher to co-sign; asking again while waiting changes nothing."""
    if goal.cosigned_at is not None or goal.cosign_requested_at is not None:
        return
    if not goal.is_active:
        raise GoalError("status", gettext("Only an active goal can be co-signed."))
    goal.cosign_requested_at = now or timezone.now()
    goal.save(update_fields=["cosign_requested_at"])


@transaction.atomic
def cosign_goal(
    *, goal: Goal, teacher: User, comment: str = "", now: dt.datetime | None = None
) -> None:
    """A teacher of the student co-signs, with an optional comment; the first co-sign stays."""
    if goal.cosigned_at is not None:
        return
    if not goal.is_active:
        raise GoalError("status", gettext("Only an active goal can be co-signed."))
    comment = plain_text(comment)
    if len(comment) > COMMENT_LIMIT:
        raise GoalError(
            "comment",
            gettext("Comment: keep it to %(limit)s characters.") % {"limit": COMMENT_LIMIT},
        )
    goal.cosigned_by = teacher
    goal.cosigned_at = now or timezone.now()
    goal.cosign_requested_at = goal.cosign_requested_at or goal.cosigned_at
    goal.cosign_comment = comment
    goal.save(update_fields=["cosigned_by", "cosigned_at", "cosign_requested_at", "cosign_comment"])
    post_news(student=goal.student, kind=NewsKind.COSIGNED, subject=goal.title, actor=teacher,
              url=reverse("goals_home"), now=goal.cosigned_at)  # fmt: skip


@transaction.atomic
def add_reflection(
    *,
    student: User,
    text: str,
    client_id: uuid.UUID,
    goal: Goal | None = None,
    now: dt.datetime | None = None,
) -> Reflection:
    """A reflection on one of the student's goals, or (without a goal) on this week."""
    existing = Reflection.objects.filter(student=student, client_id=client_id).first()
    if existing is not None:
        return existing
    text = plain_text(text)
    if not text:
        raise GoalError("text", gettext("Reflection: write a few words first."))
    if len(text) > TEXT_LIMIT:
        raise GoalError(
            "text", gettext("Reflection: keep it to %(limit)s characters.") % {"limit": TEXT_LIMIT}
        )
    if goal is not None and goal.student_id != student.pk:
        raise GoalError("goal", gettext("Goal: choose one of your own goals."))
    now = now or timezone.now()
    return Reflection.objects.create(
        student=student,
        client_id=client_id,
        goal=goal,
        week_of=None if goal is not None else week_start(now).date(),
        text=text,
        created_at=now,
    )


@transaction.atomic
def rate_standard(
    *,
    student: User,
    standard: Standard,
    rating: int,
    client_id: uuid.UUID,
    now: dt.datetime | None = None,
) -> SelfAssessment:
    """Add an "I can ..." rating; earlier ones stay as the history."""
    existing = SelfAssessment.objects.filter(student=student, client_id=client_id).first()
    if existing is not None:
        return existing
    if rating not in SCALE:
        raise GoalError("rating", gettext("I can …: choose one of the four steps, from 1 to 4."))
    if standard.pk not in {s.pk for s in leaf_standards_for_student(student)}:
        raise GoalError("standard", gettext("Standard: rate a standard from your classes."))
    return SelfAssessment.objects.create(
        student=student,
        standard=standard,
        client_id=client_id,
        rating=rating,
        created_at=now or timezone.now(),
    )


def open_help_request(student: User) -> HelpRequest | None:
    return HelpRequest.objects.filter(student=student, resolved_at__isnull=True).first()


@transaction.atomic
def ask_for_help(
    *,
    student: User,
    message: str = "",
    standard: Standard | None = None,
    activity: Activity | None = None,
    topics: Sequence[Standard] = (),
    now: dt.datetime | None = None,
) -> tuple[HelpRequest, bool]:
    """The open help request and whether this tap created it (one open request at most).

    `topics`: every standard the student asks about (the first is also `standard`)."""
    topics = list(dict.fromkeys([*([standard] if standard else []), *topics]))
    message = plain_text(message)
    if len(message) > MESSAGE_LIMIT:
        raise GoalError(
            "message",
            gettext("Message: keep it to %(limit)s characters.") % {"limit": MESSAGE_LIMIT},
        )
    existing = open_help_request(student)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            created = HelpRequest.objects.create(
                student=student,
                standard=topics[0] if topics else None,
                activity=activity,
                message=message,
                created_at=now or timezone.now(),
            )
            if topics:
                created.standards.set(topics)
    except IntegrityError:  # a simultaneous tap won the race; theirs is the open one
        raced = open_help_request(student)
        assert raced is not None
        return raced, False
    return created, True


@transaction.atomic
def resolve_help_request(
    *, help_request: HelpRequest, by: User, now: dt.datetime | None = None
) -> None:
    """The teacher helped; marking it again changes nothing."""
    if help_request.resolved_at is not None:
        return
    help_request.resolved_at = now or timezone.now()
    help_request.resolved_by = by
    help_request.save(update_fields=["resolved_at", "resolved_by"])
    post_news(student=help_request.student, kind=NewsKind.HELPED, actor=by,
              now=help_request.resolved_at)  # fmt: skip
