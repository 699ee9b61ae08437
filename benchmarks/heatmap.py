"""Server time of the teacher's class dashboard for 35 students x 100 standards (SQLite).

Builds a throw-away test database, a framework of 100 leaf standards in 10 units, a
class of 35 students with a mastery state on every standard, then times 20 requests of
the dashboard through Django's test client and prints p50 and p95. Printed, never
asserted: run `python benchmarks/heatmap.py` (PostgreSQL with DATABASE_URL; `--json`
prints one JSON line, for benchmarks/system.py).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from _common import time_gets  # noqa: E402

STUDENTS, UNITS, PER_UNIT, REQUESTS = 35, 10, 10, 20


def build() -> tuple[object, object]:
    from learnloop.accounts.models import Role
    from learnloop.engine.levels import mastery_level
    from learnloop.learning.models import MasteryState
    from learnloop.schools.services import enroll_student, ensure_user
    from learnloop.standards.models import Framework, Standard
    from learnloop.testing.world import build_world

    world = build_world()
    framework = Framework.objects.create(identifier="bench", title="Bench framework")
    world.classroom.frameworks.add(framework)
    leaves = []
    for u in range(UNITS):
        unit = Standard.objects.create(
            framework=framework, identifier=f"u{u}", code=f"9.B.{u}", full_statement=f"Unit {u}"
        )
        leaves += [
            Standard(
                framework=framework,
                identifier=f"u{u}s{s}",
                code=f"9.B.{u}.{s}",
                full_statement=f"Standard {u}.{s}",
                parent=unit,
            )
            for s in range(PER_UNIT)
        ]
    leaves = Standard.objects.bulk_create(leaves)
    students = [world.student]
    for n in range(STUDENTS - 1):
        student = ensure_user(
            username=f"bench{n}",
            role=Role.STUDENT,
            first_name=f"B{n}",
            last_name=f"Student{n:02d}",
            school=world.school,
        )
        enroll_student(classroom=world.classroom, student=student)
        students.append(student)
    now = timezone.now()
    states = []
    for i, student in enumerate(students):
        for j, standard in enumerate(leaves):
            mastery = ((i * 7 + j * 13) % 100) / 100
            attempts = (i + j) % 9
            states.append(
                MasteryState(
                    student=student,
                    standard=standard,
                    skill_state={},
                    mastery=mastery,
                    level=int(mastery_level(mastery, attempts)),
                    combined_level=int(mastery_level(mastery, attempts)),  # practice only
                    attempts=attempts,
                    successes=attempts // 2,
                    last_practiced_at=now,
                    updated_at=now,
                )
            )
    MasteryState.objects.bulk_create(states, batch_size=1000)
    return world, leaves


def main() -> None:
    # No setup_test_environment(): it instruments every template render to record its
    # context for test assertions, which costs more than the page itself here.
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        world, leaves = build()
        client = Client(HTTP_HOST="localhost")  # no setup_test_environment: no "testserver"
        client.force_login(world.teacher)
        url = reverse("teaching_class_dashboard", args=[world.classroom.pk])
        timings, cpu, queries, response = time_gets(client, url, REQUESTS)
        cuts = statistics.quantiles(timings, n=20)
        if "--json" in sys.argv:
            summary = {
                "p50_ms": round(statistics.median(timings), 1),
                "p95_ms": round(cuts[18], 1),
                "cpu_p50_ms": round(statistics.median(cpu), 1),
                "queries": queries,
                "database": connection.vendor,
            }
            print(json.dumps(summary))
            return
        print(f"class dashboard, {STUDENTS} students x {len(leaves)} standards, SQLite")
        print(f"{'requests':>10} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'KiB':>6}")
        print(
            f"{REQUESTS:>10} {statistics.median(timings):>8.1f} {cuts[18]:>8.1f} "
            f"{queries:>8} {len(response.content) / 1024:>6.0f}"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
