"""Students with answer histories, built through the learning services."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from learnloop.accounts.models import Role, User
from learnloop.learning.answering.service import record_response
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.schools.models import Classroom
from learnloop.schools.services import enroll_student, ensure_user

CHOICE_ITEM = 4  # learning_world's fifth item is single choice ("a" is right)


def answer(
    student: User, lw: LearningWorld, right: bool, when: dt.datetime | None = None, item: int = 0
) -> None:
    record_response(
        student=student,
        item_id=lw.items[item].pk,
        client_id=uuid.uuid4(),
        answer=("a" if right else "b") if item == CHOICE_ITEM else ("3" if right else "7"),
        activity=lw.practice.pk,
        now=when or timezone.now(),
    )


def add_students(classroom: Classroom, count: int, prefix: str = "kid") -> list[User]:
    students = []
    for n in range(count):
        student = ensure_user(
            username=f"{prefix}{n}",
            role=Role.STUDENT,
            first_name=f"Kid{n}",
            last_name=f"Number{n:02d}",
            school=classroom.school,
        )
        enroll_student(classroom=classroom, student=student)
        students.append(student)
    return students
