"""A synthetic district for scale benchmarks: `learnloop seed-synthetic`.

Schools of about 700 students in classes of 35, one teacher per class, every class on
one framework of 100 leaf standards (10 units of 10, each unit a prerequisite chain),
three published single-choice items and one practice activity per standard. Response
histories come from the engine's simulator (see `synthetic_history`). Everything is
written with bulk inserts; nothing goes through the per-answer path.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from learnloop.accounts.models import Role, User
from learnloop.accounts.usernames import username_skeleton
from learnloop.content.models import (
    Activity,
    ActivityItem,
    ActivityKind,
    Choice,
    Item,
    ItemKind,
    Source,
    Status,
)
from learnloop.demo.bulk import insert_rows
from learnloop.schools.models import Classroom, School, Term
from learnloop.standards.models import AssociationType, Framework, Standard, StandardAssociation

FRAMEWORK_ID = "learnloop-synthetic-district"
UNITS, PER_UNIT, ITEMS_PER_STANDARD = 10, 10, 3
CLASS_SIZE, CLASSES_PER_SCHOOL = 35, 20
PASSWORD = "synthetic-district-student"
USER_PREFIX = "syn"


class SyntheticExists(RuntimeError):
    """The synthetic district is already there; seed a fresh database instead."""


@dataclass
class District:
    leaves: list[Standard]
    items: dict[int, list[int]]  # standard pk -> item pks
    activities: dict[int, int]  # standard pk -> practice activity pk
    student_ids: list[int]
    classrooms: list[int]
    timings: dict[str, float] = field(default_factory=dict)


def build_district(*, students: int) -> District:
    """Framework, content, schools, classes, teachers and `students` students."""
    if Framework.objects.filter(identifier=FRAMEWORK_ID).exists():
        raise SyntheticExists("a synthetic district is already seeded in this database")
    started = time.perf_counter()
    with transaction.atomic():
        framework, leaves = _framework()
        items, activities = _content(leaves)
    content_done = time.perf_counter()
    with transaction.atomic():
        student_ids, classrooms = _people(students, framework)
    district = District(leaves, items, activities, student_ids, classrooms)
    district.timings["content_s"] = content_done - started
    district.timings["people_s"] = time.perf_counter() - content_done
    return district


def _framework() -> tuple[Framework, list[Standard]]:
    framework = Framework.objects.create(
        identifier=FRAMEWORK_ID, title="Synthetic district mathematics", subject="Mathematics"
    )
    units = Standard.objects.bulk_create(
        Standard(
            framework=framework,
            identifier=f"unit-{u}",
            code=f"SYN.{u + 1}",
            full_statement=f"Synthetic unit {u + 1}",
            sequence=u,
        )
        for u in range(UNITS)
    )
    leaves = Standard.objects.bulk_create(
        Standard(
            framework=framework,
            parent=unit,
            identifier=f"std-{u}-{s}",
            code=f"SYN.{u + 1}.{s + 1}",
            full_statement=f"Synthetic standard {u + 1}.{s + 1}",
            sequence=s,
        )
        for u, unit in enumerate(units)
        for s in range(PER_UNIT)
    )
    StandardAssociation.objects.bulk_create(
        StandardAssociation(
            framework=framework,
            identifier=f"pre-{before.identifier}",
            association_type=AssociationType.PRECEDES,
            origin=before,
            origin_identifier=before.identifier,
            destination=after,
            destination_identifier=after.identifier,
        )
        for before, after in itertools.pairwise(leaves)
        if before.parent_id == after.parent_id
    )
    return framework, leaves


def _content(leaves: list[Standard]) -> tuple[dict[int, list[int]], dict[int, int]]:
    made = Item.objects.bulk_create(
        Item(
            kind=ItemKind.SINGLE_CHOICE,
            status=Status.PUBLISHED,
            source=Source.GENERATED,
            title=f"{standard.code} question {n + 1}",
            stem=f"<p>Which is right for {standard.code}, question {n + 1}?</p>",
        )
        for standard in leaves
        for n in range(ITEMS_PER_STANDARD)
    )
    Choice.objects.bulk_create(
        Choice(item=item, identifier=key, position=p, text=f"<p>{key}</p>", is_correct=p == 0)
        for item in made
        for p, key in enumerate("abc")
    )
    items = {
        s.pk: [i.pk for i in made[k * ITEMS_PER_STANDARD : (k + 1) * ITEMS_PER_STANDARD]]
        for k, s in enumerate(leaves)
    }
    Item.standards.through.objects.bulk_create(
        Item.standards.through(item_id=item_id, standard_id=sid)
        for sid, ids in items.items()
        for item_id in ids
    )
    activities = _practices(leaves, items)
    return items, activities


def _practices(leaves: list[Standard], items: dict[int, list[int]]) -> dict[int, int]:
    made = Activity.objects.bulk_create(
        Activity(
            kind=ActivityKind.PRACTICE,
            status=Status.PUBLISHED,
            source=Source.GENERATED,
            title=f"Practice {standard.code}",
        )
        for standard in leaves
    )
    Activity.standards.through.objects.bulk_create(
        Activity.standards.through(activity_id=a.pk, standard_id=s.pk)
        for a, s in zip(made, leaves, strict=True)
    )
    ActivityItem.objects.bulk_create(
        ActivityItem(activity=a, item_id=item_id, position=p)
        for a, s in zip(made, leaves, strict=True)
        for p, item_id in enumerate(items[s.pk])
    )
    return {s.pk: a.pk for a, s in zip(made, leaves, strict=True)}


def _people(students: int, framework: Framework) -> tuple[list[int], list[int]]:
    """Schools of CLASSES_PER_SCHOOL classes; students fill classes in order."""
    n_classes = max(1, math.ceil(students / CLASS_SIZE))
    n_schools = max(1, math.ceil(n_classes / CLASSES_PER_SCHOOL))
    today = timezone.now().date()
    schools = School.objects.bulk_create(
        School(name=f"Synthetic school {k + 1}", slug=f"{USER_PREFIX}-school-{k + 1}")
        for k in range(n_schools)
    )
    terms = Term.objects.bulk_create(
        Term(
            school=school,
            name="This year",
            starts_on=today - dt.timedelta(days=120),
            ends_on=today + dt.timedelta(days=120),
        )
        for school in schools
    )
    school_of = [schools[c // CLASSES_PER_SCHOOL] for c in range(n_classes)]
    classrooms = Classroom.objects.bulk_create(
        Classroom(school=school_of[c], term=terms[c // CLASSES_PER_SCHOOL], name=f"Math {c + 1}")
        for c in range(n_classes)
    )
    Classroom.frameworks.through.objects.bulk_create(
        Classroom.frameworks.through(classroom_id=c.pk, framework_id=framework.pk)
        for c in classrooms
    )
    password = make_password(PASSWORD)
    _teachers(classrooms, password)
    learners = _users(
        [(f"{USER_PREFIX}{n:06d}", school_of[n // CLASS_SIZE]) for n in range(students)],
        Role.STUDENT,
        password,
    )
    joined = timezone.now()
    insert_rows(
        "schools_enrollment",
        ("classroom_id", "student_id", "enrolled_at"),
        ((classrooms[n // CLASS_SIZE].pk, pk, joined) for n, pk in enumerate(learners)),
    )
    return learners, [c.pk for c in classrooms]


def _teachers(classrooms: list[Classroom], password: str) -> None:
    pks = _users(
        [(f"{USER_PREFIX}-teacher-{c.pk}", c.school) for c in classrooms], Role.TEACHER, password
    )
    insert_rows(
        Classroom.teachers.through._meta.db_table,
        ("classroom_id", "user_id"),
        ((c.pk, pk) for c, pk in zip(classrooms, pks, strict=True)),
    )


USER_COLUMNS = (
    "username", "password", "role", "school_id", "first_name", "last_name", "display_name",
    "email", "is_superuser", "is_staff", "is_active", "date_joined", "last_login",
    "username_skeleton",
)  # fmt: skip


def _users(people: list[tuple[str, School]], role: str, password: str) -> list[int]:
    """Insert users in bulk (raw rows: the ORM's per-field preparation dominates at 100k)."""
    joined = timezone.now()
    rows = (
        (name, password, role, school.pk, name.title(), "Synthetic", "", "", False, False, True,
         joined, None, username_skeleton(name))
        for name, school in people
    )  # fmt: skip
    insert_rows(User._meta.db_table, USER_COLUMNS, rows)
    names = [name for name, _ in people]
    by_name: dict[str, int] = {}
    for start in range(0, len(names), 5000):
        chunk = names[start : start + 5000]
        by_name.update(User.objects.filter(username__in=chunk).values_list("username", "pk"))
    return [by_name[name] for name in names]
