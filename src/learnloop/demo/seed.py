"""Seed the demo school through the same services the app uses. Idempotent.

Each part of the product writes its own step (standards, content, history, ...); the
SEED_STEPS slot holds them in order, and each step takes the DemoSchool built so far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction

from learnloop.accounts.models import Role, User
from learnloop.conferences.demo import seed_demo_conferences
from learnloop.content.demo.seed import seed_demo_content
from learnloop.core.slots import Slot
from learnloop.demo import people
from learnloop.demo.algebra import seed_demo_algebra_class
from learnloop.demo.history import seed_demo_history
from learnloop.demo.placement import seed_demo_placement
from learnloop.goals.demo import seed_demo_goals
from learnloop.portfolio.demo import seed_demo_portfolio
from learnloop.schools.models import Classroom, School, Term
from learnloop.schools.services import (
    enroll_student,
    ensure_classroom,
    ensure_school,
    ensure_term,
    ensure_user,
    link_guardian,
)
from learnloop.standards.demo_framework import seed_demo_framework
from learnloop.teaching.demo import seed_demo_teaching


@dataclass
class DemoSchool:
    school: School
    term: Term
    teachers: list[User] = field(default_factory=list)
    classrooms: list[Classroom] = field(default_factory=list)
    students: list[User] = field(default_factory=list)
    admin: User | None = None
    notes: list[str] = field(default_factory=list)  # printed by `learnloop seed-demo`

    def person(self, username: str) -> User | None:
        """A demo student or teacher by username (None when the school lacks them)."""
        return next((u for u in [*self.students, *self.teachers] if u.username == username), None)


def seed_people(today: dt.date) -> DemoSchool:
    school = ensure_school(slug=people.SCHOOL_SLUG, name=people.SCHOOL_NAME)
    year = today.year if today.month >= 8 else today.year - 1
    term = ensure_term(
        school=school,
        name=f"{year}–{year + 1}",
        starts_on=dt.date(year, 8, 25),
        ends_on=dt.date(year + 1, 6, 15),
    )
    demo = DemoSchool(school=school, term=term)
    demo.admin = demo_user(people.ADMIN, Role.SCHOOL_ADMIN, school)
    demo.teachers = [demo_user(t, Role.TEACHER, school) for t in people.TEACHERS]
    rosters = [("Math 6 · Period 1", people.PERIOD_1), ("Math 6 · Period 3", people.PERIOD_3)]
    for teacher, (class_name, roster) in zip(demo.teachers, rosters, strict=True):
        classroom = ensure_classroom(
            school=school,
            term=term,
            name=class_name,
            subject="Mathematics",
            grade_level="6",
            teachers=[teacher],
        )
        demo.classrooms.append(classroom)
        for username, first, last, g_username, g_first, relationship in roster:
            student = demo_user((username, first, last), Role.STUDENT, school)
            enroll_student(classroom=classroom, student=student)
            guardian = demo_user((g_username, g_first, last), Role.GUARDIAN, None)
            link_guardian(guardian=guardian, student=student, relationship=relationship)
            demo.students.append(student)
    return demo


@cache
def _demo_password_hash() -> str:
    """Hashed once for every demo person (one hash costs tens of milliseconds)."""
    return make_password(people.DEMO_PASSWORD)


def demo_user(entry: tuple[str, str, str], role: str, school: School | None) -> User:
    username, first, last = entry
    return ensure_user(
        username=username,
        role=role,
        first_name=first,
        last_name=last,
        school=school,
        password_hash=_demo_password_hash(),
        email=f"{username}@example.org",
    )


SeedStep = Callable[[DemoSchool], None]
SEED_STEPS: Slot[SeedStep] = Slot("demo.seed_steps", doc="the demo school, step by step")
# The demo sits above every domain app (it seeds them all), so it registers their steps
# itself, in the order they build on each other; an app below would have to import up.
for _step in (
    seed_demo_framework,
    seed_demo_content,
    seed_demo_history,
    seed_demo_conferences,
    seed_demo_teaching,
    seed_demo_goals,
    seed_demo_portfolio,
    seed_demo_placement,
    seed_demo_algebra_class,  # last: it adds a teacher, a class and students to the lists
):
    SEED_STEPS.register(_step)


def seed_demo(today: dt.date | None = None) -> DemoSchool:
    """Build (or bring up to date) the whole demo school."""
    with transaction.atomic():
        demo = seed_people(today or dt.date.today())
        for step in SEED_STEPS:
            step(demo)
    return demo


DEMO_SIGN_INS = [
    ("teacher", "rivera"),
    ("teacher", "okafor"),
    ("student", "maya"),
    ("guardian", "lin.chen"),
    ("school admin", "principal"),
]
