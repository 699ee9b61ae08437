"""The demo's second class, on real open content: "Algebra 1 · Period 5".

Built when the OATutor library is present (settings.LEARNLOOP_DEMO_OATUTOR, by default
../shared/content/oatutor/oatutor-content.tar.xz): four lessons of OpenStax Elementary
Algebra (solving linear equations) are imported with the ordinary importer
(`import_oatutor(..., lessons=...)`, as `learnloop import-oatutor --lesson` does), the
class adopts that course's framework, teacher santos teaches it to twelve students
(maya among them, so her pages show two classes), and each student gets a simulated
history on the lessons' skills, so the teacher's heatmap and each board have data.
Without the library the step says so in one line and the rest of the demo is unchanged.
A second run neither re-reads the archive nor repeats anything.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

from learnloop.accounts.models import Role, User
from learnloop.content.grading_adapter import grade_item
from learnloop.content.models import Activity, Item, ItemKind, Source, Status
from learnloop.content.oatutor_import import import_oatutor
from learnloop.demo import people
from learnloop.demo.history import NAMESPACE as HISTORY_NAMESPACE
from learnloop.demo.history import key_answer, simulated_history
from learnloop.learning.models import Response
from learnloop.learning.services import rebuild_mastery
from learnloop.schools.models import Classroom
from learnloop.schools.quick_sign_in import set_quick_sign_in
from learnloop.schools.services import enroll_student, ensure_classroom
from learnloop.standards.models import Framework, Standard
from learnloop.standards.services import adopt_framework
from learnloop.teaching.models import Assignment, Audience
from learnloop.teaching.services import create_assignment

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

CLASS_NAME = "Algebra 1 · Period 5"
COURSE = "OpenStax: Elementary Algebra"
LESSONS = ("Lesson 2.1", "Lesson 2.2", "Lesson 2.3", "Lesson 2.4")
ASSIGNED_LESSON = "Lesson 2.3"
HISTORY_KEY = "algebra-p5:"
GRADED_KINDS = {ItemKind.NUMERIC, ItemKind.MATH, ItemKind.SINGLE_CHOICE, ItemKind.SHORT_TEXT}
NAMESPACE = uuid.UUID("0b7f5c33-4d0e-4c1e-9a8e-2f6a1c9d4e55")


def seed_demo_algebra_class(demo: DemoSchool) -> None:
    """Seed step (the last one): the algebra class, when the library is there."""
    archive = settings.LEARNLOOP_DEMO_OATUTOR
    if archive is None:
        return
    if not Path(archive).exists():
        demo.notes.append(
            f"{CLASS_NAME} skipped: the OATutor library is not at {archive} "
            "(set LEARNLOOP_SHARED to the folder that holds content/oatutor/)."
        )
        return
    started = time.perf_counter()
    framework = _imported_course(Path(archive))
    teacher = _person(people.ALGEBRA_TEACHER, Role.TEACHER, demo)
    classroom = ensure_classroom(
        school=demo.school,
        term=demo.term,
        name=CLASS_NAME,
        subject="Mathematics",
        grade_level="8",
        teachers=[teacher],
    )
    adopt_framework(classroom=classroom, framework=framework)
    students = [_person(entry, Role.STUDENT, demo) for entry in people.PERIOD_5]
    for student in students:
        enroll_student(classroom=classroom, student=student)
    _assign(classroom, teacher)
    set_quick_sign_in(classroom=classroom, enabled=True)  # the demo shows picture sign-in
    _seed_history(students, framework)
    demo.teachers.append(teacher)
    demo.classrooms.append(classroom)
    demo.students.extend(s for s in students if s not in demo.students)
    demo.notes.append(
        f"{CLASS_NAME}: {len(LESSONS)} OATutor lessons of {COURSE}, teacher "
        f"{teacher.username}, {len(students)} students, "
        f"ready in {time.perf_counter() - started:.1f} s."
    )


def _imported_course(archive: Path) -> Framework:
    """The course's framework, importing the lessons only when they are not there yet."""
    present = Activity.objects.filter(
        source=Source.OATUTOR, extra__oatutor__course=COURSE, title__in=LESSONS
    ).count()
    if present < len(LESSONS):
        report = import_oatutor(path=archive, courses=[COURSE], lessons=LESSONS)
        refused = [problem for c in report.courses for problem in c.problems]
        if refused:
            raise RuntimeError(f"The demo's OATutor lessons were refused: {refused[:3]}")
    return Framework.objects.get(title=COURSE)


def _person(entry: tuple[str, str, str], role: str, demo: DemoSchool) -> User:
    from learnloop.demo.seed import demo_user  # the seed module registers this step

    known = demo.person(entry[0])
    return known if known is not None else demo_user(entry, role, demo.school)


def _assign(classroom: Classroom, teacher: User) -> None:
    activity = Activity.objects.filter(
        source=Source.OATUTOR, extra__oatutor__course=COURSE, title=ASSIGNED_LESSON
    ).first()
    if activity is None or Assignment.objects.filter(classroom=classroom).exists():
        return
    create_assignment(
        classroom=classroom,
        teacher=teacher,
        activity=activity,
        audience=Audience.CLASS,
        client_id=uuid.uuid5(NAMESPACE, f"{classroom.pk}:{activity.pk}"),
        note="Work through these before Friday's quiz.",
    )


def learning_path(framework: Framework) -> list[Standard]:
    """The lessons' skills in lesson order (each skill once)."""
    activities = Activity.objects.filter(
        source=Source.OATUTOR, extra__oatutor__course=COURSE, title__in=LESSONS
    ).prefetch_related("standards")
    by_title = {a.title: a for a in activities}
    path: list[Standard] = []
    for title in LESSONS:
        for standard in sorted(by_title[title].standards.all(), key=lambda s: s.code):
            if standard not in path and standard.framework_id == framework.pk:
                path.append(standard)
    return path


def practice_items(path: list[Standard]) -> dict[int, list[Item]]:
    """Per skill, its published items whose key grades as right (no drawn variables)."""
    items = (
        Item.objects.filter(source=Source.OATUTOR, status=Status.PUBLISHED, standards__in=path)
        .filter(kind__in=GRADED_KINDS)
        .prefetch_related("standards", "choices")
        .order_by("pk")
        .distinct()
    )
    result: dict[int, list[Item]] = {}
    for item in items:
        if item.variables or not grade_item(item, key_answer(item)).correct:
            continue
        for standard in item.standards.all():
            result.setdefault(standard.pk, []).append(item)
    return result


def _seed_history(students: list[User], framework: Framework) -> None:
    fresh = [
        s
        for s in students
        if not Response.objects.filter(
            student=s, client_id=uuid.uuid5(HISTORY_NAMESPACE, f"{HISTORY_KEY}{s.username}:0")
        ).exists()
    ]
    if not fresh:
        return
    path = learning_path(framework)
    items = practice_items(path)
    path = [s for s in path if s.pk in items]
    responses = []
    for index, student in enumerate(fresh):
        pace = people.PERIOD_5_PACES[index % len(people.PERIOD_5_PACES)]
        responses += simulated_history(student, pace, path, items, key=HISTORY_KEY)
    Response.objects.bulk_create(responses, batch_size=500)
    rebuild_mastery(student_ids=[s.pk for s in fresh])
