"""Goals test data, made through the goals services."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.goals.models import Goal, GoalKind, HelpRequest
from learnloop.goals.services import ask_for_help, create_goal, rate_standard
from learnloop.learning.tests.fixtures import learning_world
from learnloop.standards.models import Standard
from learnloop.testing.world import World

NAMESPACE = uuid.UUID("6a1d0c57-0e1f-4d0b-a0b8-9c3f7e2d5b19")
CODE = "6.RP.A.2"


def key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def goal_of(world: World, name: str = "goal", student: User | None = None) -> Goal:
    """A standards goal on 6.RP.A.2 (the same row for the same name and student)."""
    lw = learning_world(world)
    return create_goal(
        student=student or world.student,
        kind=GoalKind.STANDARDS,
        title=f"Show unit rates ({name})",
        target_on=in_days(30),
        client_id=key(name),
        standards=[lw.standards[CODE]],
    )


def habit_of(world: World, minutes: int = 60, student: User | None = None) -> Goal:
    return create_goal(
        student=student or world.student,
        kind=GoalKind.HABIT,
        title="Practice every day",
        target_on=in_days(30),
        client_id=key(f"habit-{minutes}"),
        weekly_minutes=minutes,
    )


def help_request_of(world: World, student: User | None = None) -> HelpRequest:
    help_request, _ = ask_for_help(student=student or world.student, message="Stuck on rates")
    return help_request


def rate_in_order(student: User, standard: Standard, ratings: Sequence[int]) -> None:
    """Ratings a minute apart, oldest first, ending a minute ago."""
    now = timezone.now()
    for back, rating in enumerate(reversed(ratings), start=1):
        rate_standard(
            student=student,
            standard=standard,
            rating=rating,
            client_id=uuid.uuid4(),
            now=now - dt.timedelta(minutes=back),
        )
