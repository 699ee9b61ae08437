"""A two-class school with one person of every role on each side of each boundary.

Built through the same services the app uses, so tests exercise the real write path.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from learnloop.accounts.models import Role, User
from learnloop.schools.models import Classroom, School
from learnloop.schools.services import (
    enroll_student,
    ensure_classroom,
    ensure_school,
    ensure_term,
    ensure_user,
    link_guardian,
)

PASSWORD = "correct-horse-battery"
ROLES = (
    "anonymous",
    "student",
    "other_student",
    "teacher",
    "other_teacher",
    "guardian",
    "other_guardian",
    "admin",
)


@dataclass
class World:
    school: School
    other_school: School
    classroom: Classroom  # taught by `teacher`, has `student`
    other_classroom: Classroom  # taught by `other_teacher`, has `other_student`
    student: User
    other_student: User
    teacher: User
    other_teacher: User
    guardian: User  # of `student`
    other_guardian: User  # of `other_student`
    admin: User  # school admin of `school`
    foreign_admin: User  # school admin of `other_school`

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def _person(username: str, role: str, school: School | None) -> User:
    first, _, last = username.partition("_")
    return ensure_user(
        username=username,
        role=role,
        first_name=first.title(),
        last_name=(last or "Tester").title(),
        school=school,
        password=PASSWORD,
        email=f"{username}@example.org",
    )


def build_world() -> World:
    school = ensure_school(slug="test-school", name="Test School")
    other_school = ensure_school(slug="other-school", name="Other School")
    term = ensure_term(
        school=school, name="2026", starts_on=dt.date(2026, 8, 1), ends_on=dt.date(2027, 6, 30)
    )
    teacher = _person("tina_teacher", Role.TEACHER, school)
    other_teacher = _person("omar_teacher", Role.TEACHER, school)
    classroom = ensure_classroom(school=school, term=term, name="Math A", teachers=[teacher])
    other_classroom = ensure_classroom(
        school=school, term=term, name="Math B", teachers=[other_teacher]
    )
    student = _person("sam_student", Role.STUDENT, school)
    other_student = _person("olga_student", Role.STUDENT, school)
    enroll_student(classroom=classroom, student=student)
    enroll_student(classroom=other_classroom, student=other_student)
    guardian = _person("gina_guardian", Role.GUARDIAN, None)
    other_guardian = _person("oscar_guardian", Role.GUARDIAN, None)
    link_guardian(guardian=guardian, student=student, relationship="mother")
    link_guardian(guardian=other_guardian, student=other_student, relationship="father")
    return World(
        school=school,
        other_school=other_school,
        classroom=classroom,
        other_classroom=other_classroom,
        student=student,
        other_student=other_student,
        teacher=teacher,
        other_teacher=other_teacher,
        guardian=guardian,
        other_guardian=other_guardian,
        admin=_person("ada_admin", Role.SCHOOL_ADMIN, school),
        foreign_admin=_person("fred_admin", Role.SCHOOL_ADMIN, other_school),
    )


def other_school_people(world: World) -> dict[str, Any]:
    """A term, a teacher, a student and a guardian of the other school (for cross-school tests)."""
    term = ensure_term(
        school=world.other_school,
        name="Far 2026",
        starts_on=dt.date(2026, 8, 1),
        ends_on=dt.date(2027, 6, 30),
    )
    people = {
        role: ensure_user(
            username=f"far_{role}", role=role, first_name="Far", last_name=role.title(),
            school=world.other_school,
        )
        for role in (Role.TEACHER, Role.STUDENT, Role.GUARDIAN)
    }  # fmt: skip
    return {"term": term, **people}
