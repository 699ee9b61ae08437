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
from learnloop.learning.tests.test_views import ANSWER_QUERY_BUDGET, outbox_writes
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


def queries_of(run: Callable[[], Any]) -> tuple[int, int]:
    """The queries of one answer and, of them, the outbox INSERTs of its events."""
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured), outbox_writes(captured)


def built_by_learnloop(watch: Watch) -> list[str]:
    """The ORM queries the answer built, but for the signed-in user's row, which Django's
    authentication reads (through a QuerySet) when the floor's middleware first asks."""
    return [where for where in watch.compiled if not where.startswith("web/")]


class JsonAnswers:
    """A student answering the choice item through the JSON endpoint."""

    title = "JSON answer (choice item)"
    budget_below_page = 6  # no session, its lock and its write, no activity read

    def __init__(self, world: World, lw: LearningWorld) -> None:
        self.client = Client()
        self.client.force_login(world.student)
        self.url = reverse("learning_api_responses")
        self.item = lw.items[-1]
        assert self.item.kind == "single_choice"
        self.answer()  # the first answer creates the student's state

    def prepare(self) -> None:
        """Nothing to do between two JSON answers."""

    def answer(self) -> None:
        body = {"client_id": str(uuid.uuid4()), "item_id": self.item.pk, "answer": "a"}
        posted = self.client.post(self.url, body, content_type="application/json")
        assert posted.status_code == 201


class PageAnswers:
    """A student answering the choice item on the practice page (served first, then posted)."""

    title = "page answer (choice item)"
    budget_below_page = 0

    def __init__(self, world: World, lw: LearningWorld) -> None:
        self.client = Client()
        self.client.force_login(world.student)
        self.student = world.student
        self.url = reverse("learning_practice", args=[lw.practice.pk])
        self.activity_id = lw.practice.pk
        self.item = lw.items[-1]
        self.data: dict[str, Any] = {}
        self.prepare()
        self.answer()  # the first answer creates the student's state

    def prepare(self) -> None:
        """Serve the page (a new session when the last one ended: "Practice again"),
        then make the choice item the one served."""
        self.client.post(reverse("learning_practice_again", args=[self.activity_id]))
        open_session = PracticeSession.objects.filter(student=self.student, finished_at=None)
        open_session.update(current_item=self.item)
        client_id = open_session.get().current_client_id
        self.data = {"item_id": self.item.pk, "client_id": client_id, "answer": "a"}

    def answer(self) -> None:
        posted = self.client.post(self.url, self.data)
        assert posted.status_code == 200
        assert b"3:5" in posted.content  # the choice's text, read with the item


ROUNDS = 15


@pytest.mark.parametrize("entrance", [JsonAnswers, PageAnswers], ids=["json", "page"])
def test_an_answer_to_a_choice_item_builds_no_orm_query_and_keeps_its_budget(
    world: World, lw: LearningWorld, entrance: type[JsonAnswers | PageAnswers]
) -> None:
    answers = entrance(world, lw)
    cpu_ms = []
    for _ in range(ROUNDS):
        answers.prepare()
        started = time.process_time()
        answers.answer()
        cpu_ms.append((time.process_time() - started) * 1000)
    watches = []
    for _ in range(3):
        answers.prepare()
        watches.append(Watch())
        watches[-1](answers.answer)
    counted = []
    for _ in range(3):
        answers.prepare()
        counted.append(queries_of(answers.answer))
    # every answer, one that moves a level or ends the session too: its statements are
    # taken from the rows it writes anyway (ADR 0017), none is written here
    queries = max(total for total, _ in counted)
    calls = statistics.median(watch.calls for watch in watches)
    print(
        f"\n{answers.title}: {queries} queries, {calls:.0f} Python calls per answer, "
        f"CPU p50 {statistics.median(cpu_ms):.2f} ms over {len(cpu_ms)} answers"
    )
    assert [built_by_learnloop(watch) for watch in watches] == [[], [], []]
    assert queries <= ANSWER_QUERY_BUDGET - answers.budget_below_page, queries
    assert [events for _, events in counted] == [0, 0, 0], counted
