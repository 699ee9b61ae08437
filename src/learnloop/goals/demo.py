"""Demo seed step: Maya's goals, a reflection, self-ratings and an open help request.

Chosen from her seeded practice so the pages tell one story: a standards goal on the
standards she is working on (some progress, waiting for Ms. Rivera's co-sign), a
co-signed practice habit, a reflection on the goal, "I can ..." ratings on three
standards (one far above what her practice shows, so the teacher sees an over-confident
alert) and an open help request. Idempotent: every row has a fixed client id, and asking
for help while a request is open returns that request.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.engine.levels import Level
from learnloop.goals.models import GoalKind
from learnloop.goals.services import (
    add_reflection,
    ask_for_help,
    cosign_goal,
    create_goal,
    rate_standard,
    request_cosign,
)
from learnloop.learning.models import MasteryState
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_student

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

NAMESPACE = uuid.UUID("9d4c2f1e-6a3b-4e8d-b7a1-2c5e8f0d3b64")
GOAL_STANDARDS = 2
GRADE = "6."


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def _by_level(student: User) -> tuple[list[Standard], list[Standard]]:
    """The student's standards below proficient (weakest first) and those at or above it."""
    levels = dict(
        MasteryState.objects.filter(student=student).values_list("standard_id", "combined_level")
    )
    standards = leaf_standards_for_student(student)
    working = sorted(  # this grade's standards first, the nearest to proficient first
        (s for s in standards if levels.get(s.pk, 0) < Level.PROFICIENT),
        key=lambda s: (not s.code.startswith(GRADE), -levels.get(s.pk, 0), s.code),
    )
    strong = [s for s in standards if levels.get(s.pk, 0) >= Level.PROFICIENT]
    return working, strong


def seed_demo_goals(demo: DemoSchool) -> None:
    maya, rivera = demo.person("maya"), demo.person("rivera")
    if maya is None or rivera is None:
        return
    working, strong = _by_level(maya)
    if not working:
        return
    now = timezone.now()
    started = now - dt.timedelta(days=9)
    picked = working[:GOAL_STANDARDS]
    goal = create_goal(
        student=maya,
        kind=GoalKind.STANDARDS,
        title=f"Get proficient on {' and '.join(s.code for s in picked)} before the unit test",
        target_on=now.date() + dt.timedelta(days=24),
        client_id=_key("goal:standards"),
        standards=picked,
        now=started,
    )
    request_cosign(goal=goal, now=started + dt.timedelta(hours=1))
    habit = create_goal(
        student=maya,
        kind=GoalKind.HABIT,
        title="Practice a little every school day",
        target_on=now.date() + dt.timedelta(days=45),
        client_id=_key("goal:habit"),
        weekly_minutes=60,
        now=started,
    )
    cosign_goal(
        goal=habit,
        teacher=rivera,
        comment="Little and often is the way. Proud of you!",
        now=started + dt.timedelta(days=1),
    )
    add_reflection(
        student=maya,
        goal=goal,
        text="Drawing a table helps me see the pattern. I still mix up which number goes first.",
        client_id=_key("reflection:goal"),
        now=now - dt.timedelta(days=2),
    )
    _rate(maya, working, strong, now)
    ask_for_help(
        student=maya,
        message="I'm stuck on this one, can we go over it together?",
        standard=working[0],
        now=now - dt.timedelta(hours=3),
    )


def _rate(student: User, working: list[Standard], strong: list[Standard], now: dt.datetime) -> None:
    """One rating far above the practice (over-confident), one that agrees, one far below
    (under-confident)."""
    this_grade = [s for s in working if s.code.startswith(GRADE)] or working
    weakest = this_grade[-1]
    ratings = [(weakest, 4)]  # she thinks she could teach it
    if working[0] != weakest:
        ratings.append((working[0], 2))
    if strong:
        ratings.append((strong[0], 1))
    for index, (standard, rating) in enumerate(ratings):
        rate_standard(
            student=student,
            standard=standard,
            rating=rating,
            client_id=_key(f"rating:{standard.code}"),
            now=now - dt.timedelta(days=1, minutes=index),
        )
