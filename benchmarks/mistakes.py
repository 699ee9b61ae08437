"""Server time of "Common mistakes this week" for a seeded class (SQLite by default).

Builds a throw-away test database: a class of 35 students on 20 standards, 100 items
(40 numeric, 40 single choice with a misconception on each wrong choice, 20 math), and
a week of wrong answers in two sizes, written with bulk inserts (the page reads the
log, not mastery states). Numeric answers repeat in several spellings (7, 7.0, 14/2);
math answers are equivalent expressions in several forms (2x+2, 2(x+1), ...), so the
grouping does real work, sympy included. Times 10 requests of the page through Django's
test client and prints p50, p95, CPU, queries and size. Printed, never asserted:
`python benchmarks/mistakes.py` (PostgreSQL with DATABASE_URL).
"""

from __future__ import annotations

import os
import statistics
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from _common import machine, time_gets  # noqa: E402

STUDENTS, STANDARDS, REQUESTS = 35, 20, 10
# wrong answers in the week; MISTAKES_SIZES=500,1000 picks others
SIZES = tuple(int(n) for n in os.environ.get("MISTAKES_SIZES", "2000,10000").split(","))
NUMERIC_SPELLINGS = ("7", "7.0", "14/2", "8", " 8 ", "12", "1/2", "0.5")
MATH_SPELLINGS = ("2x+2", "2(x+1)", "x*2+2", "2x+1", "x+2", "2x", "(x+1)*2", "4x/2+2")


def build() -> tuple[object, list[object], list[object]]:
    from learnloop.accounts.models import Role
    from learnloop.content.drafts import ChoiceDraft, ItemDraft
    from learnloop.content.models import Choice, ItemKind, Status
    from learnloop.content.services import create_item
    from learnloop.schools.services import enroll_student, ensure_user
    from learnloop.standards.models import Framework, Standard
    from learnloop.testing.world import build_world

    world = build_world()
    framework = Framework.objects.create(identifier="bench", title="Bench framework")
    world.classroom.frameworks.add(framework)
    standards = Standard.objects.bulk_create(
        Standard(framework=framework, identifier=f"s{n}", code=f"9.M.{n}", full_statement=f"S{n}")
        for n in range(STANDARDS)
    )
    items = []
    for n in range(100):
        if n < 40:
            draft = ItemDraft(kind=ItemKind.NUMERIC, stem=f"<p>Q{n}</p>", numeric_answer=3)
        elif n < 80:
            choices = (ChoiceDraft("3:5", True, "a"), ChoiceDraft("5:3", False, "b"))
            choices += (ChoiceDraft("3:8", False, "c"),)
            draft = ItemDraft(kind=ItemKind.SINGLE_CHOICE, stem=f"<p>Q{n}</p>", choices=choices)
        else:
            draft = ItemDraft(kind=ItemKind.MATH, stem=f"<p>Q{n}</p>", accepted_answers=("3x",))
        item = create_item(
            author=None,
            school=None,
            draft=draft,
            standards=[standards[n % STANDARDS]],
            status=Status.PUBLISHED,
        )
        items.append(item)
    Choice.objects.filter(is_correct=False).update(feedback="Reversed the order of the ratio")
    students = [world.student]
    for n in range(STUDENTS - 1):
        student = ensure_user(
            username=f"bench{n}", role=Role.STUDENT, first_name=f"B{n}",
            last_name=f"Student{n:02d}", school=world.school,
        )  # fmt: skip
        enroll_student(classroom=world.classroom, student=student)
        students.append(student)
    return world, students, items


def add_wrong_answers(students: list, items: list, count: int) -> None:
    from learnloop.learning.models import Response

    now = timezone.now()
    rows = []
    for n in range(count):
        item = items[(n * 7) % len(items)]
        if item.kind == "numeric":
            answer: object = NUMERIC_SPELLINGS[n % len(NUMERIC_SPELLINGS)]
        elif item.kind == "math":
            answer = MATH_SPELLINGS[n % len(MATH_SPELLINGS)]
        else:
            answer = "b" if n % 3 else "c"
        rows.append(
            Response(
                student=students[n % len(students)],
                client_id=uuid.uuid4(),
                item=item,
                answer=answer,
                correct=False,
                score=0.0,
                standard_ids=[s.pk for s in item.standards.all()],
                created_at=now - timezone.timedelta(minutes=n % 5000),
            )
        )
    Response.objects.bulk_create(rows, batch_size=1000)


def main() -> None:
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        world, students, items = build()
        for item in items:
            item._prefetched_objects_cache = {"standards": list(item.standards.all())}
        client = Client(HTTP_HOST="localhost")  # no setup_test_environment: no "testserver"
        client.force_login(world.teacher)
        url = reverse("teaching_class_mistakes", args=[world.classroom.pk])
        print(f"common mistakes page, {STUDENTS} students, 100 items, {connection.vendor}")
        print(machine())
        header = ("wrong answers", "requests", "p50 ms", "p95 ms", "cpu p50", "queries", "KiB")
        print(" ".join(f"{h:>13}" for h in header))
        done = 0
        for size in SIZES:
            add_wrong_answers(students, items, size - done)
            done = size
            timings, cpu, queries, response = time_gets(client, url, REQUESTS)
            cuts = statistics.quantiles(timings, n=20)
            row = (
                f"{size:,}", REQUESTS, f"{statistics.median(timings):.0f}", f"{cuts[18]:.0f}",
                f"{statistics.median(cpu):.0f}", queries, f"{len(response.content) / 1024:.0f}",
            )  # fmt: skip
            print(" ".join(f"{v!s:>13}" for v in row))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
