"""Statements are written in the transaction of the change that causes them."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from learnloop.core.events import EVENT_SINKS, Verb
from learnloop.goals.services import achieve_goal
from learnloop.goals.tests.factories import goal_of
from learnloop.learning.answering.service import AnswerResult, record_response
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.portfolio.models import ArtifactKind
from learnloop.portfolio.services import add_artifact, update_artifact
from learnloop.testing.world import World
from learnloop.xapi.models import OutboxStatement, OutboxStatus
from learnloop.xapi.outbox import store_events

pytestmark = pytest.mark.django_db


def answer(world: World, lw: LearningWorld, value: Any = "3", **kw: Any) -> AnswerResult:
    return record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=kw.pop("key", uuid.uuid4()),
        answer=value, **kw,
    )  # fmt: skip


def test_an_answer_stores_its_answered_statement(world: World, lw: LearningWorld) -> None:
    key = uuid.uuid4()
    result = answer(world, lw, key=key)
    row = OutboxStatement.objects.get(verb=Verb.ANSWERED)
    assert row.student_id == world.student.pk and row.school_id == world.school.pk
    assert (row.object_type, row.object_id) == ("item", lw.items[0].pk)
    assert row.result["success"] is True and row.result["scaled"] == 1.0
    assert row.standard_ids == sorted(result.standard_codes)
    assert row.status == OutboxStatus.PENDING and row.timestamp == result.response.created_at
    answer(world, lw, key=key)  # a repeat of the same client id is a no-op
    assert OutboxStatement.objects.filter(verb=Verb.ANSWERED).count() == 1


def test_a_rolled_back_answer_leaves_no_statement(world: World, lw: LearningWorld) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        answer(world, lw)
        assert OutboxStatement.objects.count() >= 1
        raise RuntimeError("the change is undone")
    assert OutboxStatement.objects.count() == 0


def test_an_answer_costs_one_insert_for_all_its_statements(world: World, lw: LearningWorld) -> None:
    answer(world, lw)  # warm: states exist

    def count(**kw: Any) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            answer(world, lw, **kw)
        return [q["sql"] for q in captured.captured_queries]

    with EVENT_SINKS.emptied():
        without = count()
    with_outbox = count()
    extra = [sql for sql in with_outbox if "xapi_outboxstatement" in sql]
    assert len(with_outbox) == len(without) + 1
    assert len(extra) == 1 and extra[0].startswith("INSERT")


def test_level_changes_are_mastered_or_progressed(world: World, lw: LearningWorld) -> None:
    for _ in range(12):
        answer(world, lw)
    moved = OutboxStatement.objects.filter(verb__in=[Verb.PROGRESSED, Verb.MASTERED])
    assert moved.exists()
    assert all(row.object_type == "standard" and row.result["level"] for row in moved)
    assert {row.verb for row in moved} <= {Verb.PROGRESSED, Verb.MASTERED}
    # each row reports a change: never two rows with the same level for one standard in a row
    levels = [(r.object_id, r.result["level"]) for r in moved.order_by("timestamp", "id")]
    assert len(levels) == len(set(levels))


def test_goal_set_and_met(world: World) -> None:
    goal = goal_of(world)
    achieve_goal(goal=goal)
    achieve_goal(goal=goal)  # already achieved: nothing new
    rows = OutboxStatement.objects.filter(object_type="goal", object_id=goal.pk)
    assert sorted(rows.values_list("verb", flat=True)) == [Verb.GOAL_MET, Verb.GOAL_SET]
    assert all(row.standard_ids for row in rows)


def test_sharing_an_artifact(world: World) -> None:
    private = add_artifact(
        student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.LINK,
        title="Slides", link_url="https://example.org/slides",
    )  # fmt: skip
    assert not OutboxStatement.objects.filter(verb=Verb.SHARED).exists()
    for _ in range(2):  # shared once: the second save changes nothing shared
        update_artifact(
            artifact=private, title="Slides", reflection="", standards=[], activity=None,
            shared_with_family=True, showcase=False,
        )  # fmt: skip
    shared = OutboxStatement.objects.get(verb=Verb.SHARED)
    assert (shared.object_type, shared.object_id) == ("artifact", private.pk)


def test_the_sink_is_registered_and_writes_in_one_statement(world: World) -> None:
    assert store_events in EVENT_SINKS


def test_a_synced_batch_stores_each_answer_at_its_time_in_one_insert(
    world: World, lw: LearningWorld
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from learnloop.learning.answering.batch import answer_batch
    from learnloop.learning.answering.batch_parsing import batch_from_json

    now = timezone.now()
    entries = [
        {
            "client_id": str(uuid.uuid4()),
            "item": lw.items[i % 4].pk,
            "answer": "3",
            "client_time": (now - timedelta(minutes=10 - i)).isoformat(),
            "activity": lw.practice.pk,
        }
        for i in range(6)
    ]
    with CaptureQueriesContext(connection) as captured:
        answer_batch(student=world.student, answers=batch_from_json({"answers": entries}), now=now)
    inserts = [q["sql"] for q in captured.captured_queries if "xapi_outboxstatement" in q["sql"]]
    assert len(inserts) == 1
    answered = OutboxStatement.objects.filter(verb=Verb.ANSWERED).order_by("timestamp")
    assert answered.count() == 6
    assert answered.first().timestamp == now - timedelta(minutes=10)  # type: ignore[union-attr]
    answer_batch(student=world.student, answers=batch_from_json({"answers": entries}), now=now)
    assert OutboxStatement.objects.filter(verb=Verb.ANSWERED).count() == 6  # a repeat: nothing
