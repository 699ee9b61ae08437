"""What one answer costs in Python, and that none of it is the ORM building a query.

The answer path runs literal statements (`core.sql`, ADR 0004): a QuerySet costs more CPU
to build than SQLite takes to run it. These tests answer a choice item (the kind whose
choices are read too) through both entrances and watch every call: no SQL compiler of
the ORM may run once the student's state exists. `-s` prints the Python function calls
per answer and the CPU per answer (docs/benchmarks/system.md, "Calls per answer"), the
figure to compare before and after a change on a loaded machine: unlike time, it does
not move with the load.
"""

from __future__ import annotations

import statistics
import sys
import time
import uuid
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learnloop.learning.models import PracticeSession
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.learning.tests.test_views import ANSWER_QUERY_BUDGET
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

ORM_COMPILER = "django/db/models/sql/compiler.py"


class Watch:
    """Python function calls made while `run` ran, and the ORM compilers among them."""

    def __init__(self) -> None:
        self.calls = 0
        self.compiled: list[str] = []

    def __call__(self, run: Callable[[], Any]) -> None:
        def hook(frame: FrameType, event: str, arg: Any) -> None:
            if event != "call":
                return
            self.calls += 1
            if frame.f_code.co_filename.endswith(ORM_COMPILER) and frame.f_code.co_name in (
                "as_sql",
            ):
                caller = frame.f_back
                while caller and "/learnloop/" not in caller.f_code.co_filename:
                    caller = caller.f_back
                where = f"{caller.f_code.co_filename}:{caller.f_lineno}" if caller else "?"
                self.compiled.append(where.split("/src/learnloop/")[-1])

        sys.setprofile(hook)
        try:
            run()
        finally:
            sys.setprofile(None)


def queries_of(run: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


def built_by_learnloop(watch: Watch) -> list[str]:
    """The ORM queries the answer built, but for the signed-in user's row, which Django's
    authentication reads (through a QuerySet) when the floor's middleware first asks."""
    return [where for where in watch.compiled if not where.startswith("web/")]


def _json_answer(world: World, lw: LearningWorld) -> Callable[[], None]:
    client = Client()
    client.force_login(world.student)
    url = reverse("learning_api_responses")
    choice_item = lw.items[-1]
    assert choice_item.kind == "single_choice"

    def post() -> None:
        body = {"client_id": str(uuid.uuid4()), "item_id": choice_item.pk, "answer": "a"}
        assert client.post(url, body, content_type="application/json").status_code == 201

    post()  # the first answer creates the student's state
    return post


def _page_answer(world: World, lw: LearningWorld) -> Callable[[], None]:
    client = Client()
    client.force_login(world.student)
    url = reverse("learning_practice", args=[lw.practice.pk])
    choice_item = lw.items[-1]

    def serve_the_choice_item() -> dict[str, Any]:
        client.get(url)
        PracticeSession.objects.filter(student=world.student, finished_at=None).update(
            current_item=choice_item
        )
        session = PracticeSession.objects.get(student=world.student, finished_at=None)
        return {"item_id": choice_item.pk, "client_id": session.current_client_id, "answer": "a"}

    def post(data: dict[str, Any]) -> None:
        response = client.post(url, data)
        assert response.status_code == 200
        assert b"3:5" in response.content  # the choice's text, read with the item

    post(serve_the_choice_item())  # the first answer creates the student's state
    holder: dict[str, Any] = {}

    def answer() -> None:
        post(holder.pop("data"))

    def prepared() -> None:
        holder["data"] = serve_the_choice_item()
        answer()

    prepared.serve = lambda: holder.__setitem__("data", serve_the_choice_item())  # type: ignore[attr-defined]
    prepared.answer = answer  # type: ignore[attr-defined]
    return prepared


def _report(title: str, calls: list[int], cpu_ms: list[float], queries: int) -> None:
    print(
        f"\n{title}: {queries} queries, {statistics.median(calls):.0f} Python calls per answer, "
        f"CPU p50 {statistics.median(cpu_ms):.2f} ms over {len(cpu_ms)} answers"
    )


ROUNDS = 15


def test_a_json_answer_to_a_choice_item_builds_no_orm_query(
    world: World, lw: LearningWorld
) -> None:
    post = _json_answer(world, lw)
    calls, cpu_ms = [], []
    for _ in range(ROUNDS):
        started = time.process_time()
        post()
        cpu_ms.append((time.process_time() - started) * 1000)
    for _ in range(3):
        watch = Watch()
        watch(post)
        calls.append(watch.calls)
    queries = queries_of(post)
    _report("JSON answer (choice item)", calls, cpu_ms, queries)
    assert built_by_learnloop(watch) == []
    assert queries <= ANSWER_QUERY_BUDGET, queries


def test_a_page_answer_to_a_choice_item_builds_no_orm_query(
    world: World, lw: LearningWorld
) -> None:
    prepared = _page_answer(world, lw)
    calls, cpu_ms = [], []
    for _ in range(ROUNDS):
        prepared.serve()  # type: ignore[attr-defined]
        started = time.process_time()
        prepared.answer()  # type: ignore[attr-defined]
        cpu_ms.append((time.process_time() - started) * 1000)
    for _ in range(3):
        prepared.serve()  # type: ignore[attr-defined]
        watch = Watch()
        watch(prepared.answer)  # type: ignore[attr-defined]
        calls.append(watch.calls)
    prepared.serve()  # type: ignore[attr-defined]
    queries = queries_of(prepared.answer)  # type: ignore[attr-defined]
    _report("page answer (choice item)", calls, cpu_ms, queries)
    assert built_by_learnloop(watch) == []
    assert queries <= ANSWER_QUERY_BUDGET, queries
