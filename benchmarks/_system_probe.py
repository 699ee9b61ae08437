"""In-process measurements for benchmarks/system.py, run against one seeded database.

Run as a subprocess (settings are per process): `python benchmarks/_system_probe.py
PHASE ...` with DATABASE_URL or LEARNLOOP_DATA_DIR naming the database; prints one JSON
object. Phases: answer (server time of the answer path through Django's handler),
heatmap (the class dashboard of a seeded class), sessions (signed-in sessions for the
load clients), reconcile (acknowledged ids against the stored log).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.prod")
os.environ.setdefault("LEARNLOOP_SECRET_KEY", "benchmark-only-not-secret")
os.environ.setdefault("LEARNLOOP_HTTPS", "0")
os.environ.setdefault("LEARNLOOP_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

import django

from _common import time_gets

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from learnloop.accounts.models import Role, User  # noqa: E402
from learnloop.core.wal import start_checkpointer  # noqa: E402
from learnloop.demo.synthetic import USER_PREFIX  # noqa: E402
from learnloop.learning.models import PracticeSession, Response  # noqa: E402
from learnloop.schools.models import Classroom  # noqa: E402

ANSWERS_PER_STUDENT = 5
WARMUP_ANSWERS = 20
PROFILED_ANSWERS = 60


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": round(statistics.median(values), 2),
        "p95": round(cuts[94], 2),
        "p99": round(cuts[98], 2),
        "n": len(values),
    }


def spread_students(count: int) -> list[User]:
    """`count` synthetic students evenly spread over the district (first to last school)."""
    ids = list(
        User.objects.filter(role=Role.STUDENT, username__startswith=USER_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = max(1, len(ids) // max(count, 1))
    chosen = ids[::step][:count]
    return list(User.objects.filter(pk__in=chosen).order_by("pk"))


def current_activity(student: User) -> int:
    """The practice activity of the standard the student worked on last (or any)."""
    latest = (
        Response.objects.filter(student=student, activity__isnull=False)
        .order_by("-created_at")
        .values_list("activity_id", flat=True)
        .first()
    )
    if latest is not None:
        return latest
    return Response.objects.values_list("activity_id", flat=True).first() or 1


class Answerer:
    """One student answering through the practice page, as the browser posts it."""

    def __init__(self, student: User) -> None:
        self.client = Client()
        self.client.force_login(student)
        self.student = student
        self.url = reverse("learning_practice", args=[current_activity(student)])
        self.client.get(self.url)  # the handler loads its middleware on its first request
        self.count = 0
        self.count_queries = False
        self.queries = 0

    def serve(self) -> float:
        started = time.perf_counter()
        response = self.client.get(self.url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        return elapsed

    def answer(self) -> tuple[float, float]:
        """Server wall time and this process's CPU time of one answer, in ms."""
        session = (
            PracticeSession.objects.filter(student=self.student, finished_at__isnull=True)
            .order_by("-started_at")
            .values("current_item_id", "current_client_id")
            .first()
        )
        assert session and session["current_item_id"], "no item served"
        self.count += 1
        choice = "a" if self.count % 3 else "b"  # about two right answers in three
        data = {
            "item_id": session["current_item_id"],
            "client_id": str(session["current_client_id"]),
            "answer": choice,
        }
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) if self.count_queries else nullcontext() as seen:
            response = self.client.post(self.url, data)
        elapsed = (time.perf_counter() - started) * 1000
        self.queries = len(seen) if seen is not None else 0
        assert response.status_code == 200, response.status_code
        assert b"feedback-heading" in response.content
        return elapsed, (time.process_time() - cpu) * 1000


def python_loop_ms() -> float:
    """CPU time of a fixed pure-Python loop: how fast this machine is right now.

    The same code measured 1.5x apart on this virtual machine from one minute to the
    next; this figure, taken before and after the timed answers, lets runs be compared.
    """
    started, total = time.process_time(), 0
    for number in range(3_000_000):
        total += number % 7
    return round((time.process_time() - started) * 1000, 1)


def answer_phase(samples: int) -> dict[str, Any]:
    loop_before = python_loop_ms()
    students = spread_students(max(2, samples // ANSWERS_PER_STUDENT) + 4)
    answerers = [Answerer(s) for s in students]
    for answerer in answerers[:4]:  # warm caches, templates and the model cache
        for _ in range(WARMUP_ANSWERS // 4):
            answerer.serve()
            answerer.answer()
    serve_ms, answer_ms, answer_cpu_ms = [], [], []
    for answerer in answerers[4:]:
        for _ in range(ANSWERS_PER_STUDENT):
            serve_ms.append(answerer.serve())
            wall, cpu = answerer.answer()
            answer_ms.append(wall)
            answer_cpu_ms.append(cpu)
    loop_after = python_loop_ms()
    queries = []
    for answerer in answerers[4:14]:
        answerer.serve()
        answerer.count_queries = True
        answerer.answer()
        answerer.count_queries = False
        queries.append(answerer.queries)
    profile = cProfile.Profile()
    profile.enable()
    for index in range(PROFILED_ANSWERS):
        answerer = answerers[4 + index % (len(answerers) - 4)]
        answerer.serve()
        answerer.answer()
    profile.disable()
    return {
        "answer": percentiles(answer_ms),
        "answer_cpu": percentiles(answer_cpu_ms),
        "next_item": percentiles(serve_ms),
        "queries_per_answer": max(queries),
        "python_loop_ms": [loop_before, loop_after],
        "responses_stored": Response.objects.count(),
        "profile": top_entries(profile),
    }


def top_entries(profile: cProfile.Profile, limit: int = 25) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(r"learnloop|django/db|django/template", limit)
    return out.getvalue()


def heatmap_phase(requests: int) -> dict[str, Any]:
    classrooms = list(Classroom.objects.order_by("pk").values_list("pk", flat=True))
    classroom = Classroom.objects.get(pk=classrooms[len(classrooms) // 2])
    client = Client()
    client.force_login(classroom.teachers.first())
    url = reverse("teaching_class_dashboard", args=[classroom.pk])
    timings, cpu, queries, _ = time_gets(client, url, requests)
    return {"heatmap": percentiles(timings), "heatmap_cpu": percentiles(cpu), "queries": queries}


def sessions_phase(count: int) -> dict[str, Any]:
    """Signed-in sessions for the load clients, as a sign-in would leave them.

    Signing in 200 students through the form costs 200 PBKDF2 hashes (about a second of
    CPU each on this machine), which would measure the hasher, not the answer path.
    """
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from learnloop.content.models import ActivityItem

    clients = []
    for student in spread_students(count):
        store = SessionStore()
        store[SESSION_KEY] = str(student.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = student.get_session_auth_hash()
        store.create()
        activity = current_activity(student)
        items = list(
            ActivityItem.objects.filter(activity_id=activity).values_list("item_id", flat=True)
        )
        clients.append(
            {
                "student": student.pk,
                "session": store.session_key,
                "activity": activity,
                "items": items,
            }
        )
    return {"clients": clients}


def reconcile_phase(acked_path: str) -> dict[str, Any]:
    """Every acknowledged (student, client id) must be stored, exactly once."""
    acked = [json.loads(line) for line in Path(acked_path).read_text().splitlines() if line]
    keys = {(row["student"], row["client_id"]) for row in acked}
    by_student: dict[int, set[str]] = {}
    for student, client_id in keys:
        by_student.setdefault(student, set()).add(client_id)
    found = 0
    stored_rows = 0
    for student, ids in by_student.items():
        stored = list(
            Response.objects.filter(student_id=student, client_id__in=list(ids)).values_list(
                "client_id", flat=True
            )
        )
        stored_rows += len(stored)
        found += len({str(value) for value in stored} & ids)
    return {
        "acknowledged": len(keys),
        "acknowledged_messages": len(acked),
        "lost": len(keys) - found,
        "duplicates": stored_rows - found,
        "responses_total": Response.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("phase", choices=["answer", "heatmap", "sessions", "reconcile"])
    parser.add_argument("--samples", type=int, default=600)
    parser.add_argument("--acked", default="")
    args = parser.parse_args()
    if args.phase in ("answer", "heatmap"):  # production settings serve hashed static names
        call_command("collectstatic", "--noinput", "-v", "0")
        start_checkpointer()  # as the server's wsgi.py does (SQLite only)
    if args.phase == "answer":
        result = answer_phase(args.samples)
    elif args.phase == "heatmap":
        result = heatmap_phase(args.samples)
    elif args.phase == "sessions":
        result = sessions_phase(args.samples)
    else:
        result = reconcile_phase(args.acked)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
