"""Statements are written in the transaction of the change that causes them, but for
"answered": the stored response is its outbox, taken by the send job (ADR 0017)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learnloop.core.events import EVENT_SINKS, Verb
from learnloop.goals.services import achieve_goal
from learnloop.goals.tests.factories import goal_of
from learnloop.learning.answering.service import AnswerResult, record_response
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.portfolio.models import ArtifactKind
from learnloop.portfolio.services import add_artifact, update_artifact
from learnloop.schools.models import School
from learnloop.testing.world import World
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus
from learnloop.xapi.outbox import answered_statement_id, store_events, take_answers
from learnloop.xapi.services import save_lrs_config

pytestmark = pytest.mark.django_db


def answer(world: World, lw: LearningWorld, value: Any = "3", **kw: Any) -> AnswerResult:
    return record_response(
        student=world.student, item_id=lw.items[0].pk, client_id=kw.pop("key", uuid.uuid4()),
        answer=value, **kw,
    )  # fmt: skip


def taken(world: World, now: datetime | None = None) -> int:
    """Take the school's answers from the response log into the outbox (the send job's
    first step), with an LRS set up for it."""
    config, _ = LrsConfig.objects.get_or_create(
        school=world.school, defaults={"endpoint": "https://lrs.example.org/xapi/"}
    )
    count = 0
    while step := take_answers(config=config, now=now or timezone.now()):
        count += step
    return count


def test_an_answer_is_taken_as_its_answered_statement_once(world: World, lw: LearningWorld) -> None:
    key = uuid.uuid4()
    result = answer(world, lw, key=key)
    assert not OutboxStatement.objects.filter(verb=Verb.ANSWERED).exists()  # not written
    assert taken(world) == 1
    row = OutboxStatement.objects.get(verb=Verb.ANSWERED)
    assert row.id == answered_statement_id(result.response.pk)
    assert row.student_id == world.student.pk and row.school_id == world.school.pk
    assert (row.object_type, row.object_id) == ("item", lw.items[0].pk)
    assert row.result == {"success": True, "scaled": 1.0, "seconds": 0}
    assert row.standard_ids == sorted(result.standard_codes)
    assert row.status == OutboxStatus.PENDING and row.timestamp == result.response.created_at
    answer(world, lw, key=key)  # a repeat of the same client id is a no-op
    assert taken(world) == 0
    LrsConfig.objects.update(answers_through=0)  # a mark set back (a restored backup)
    assert taken(world) == 1  # read again, and kept once: its id is the response's
    assert OutboxStatement.objects.filter(verb=Verb.ANSWERED).count() == 1


def test_a_rolled_back_answer_leaves_no_statement(world: World, lw: LearningWorld) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        answer(world, lw)
        raise RuntimeError("the change is undone")
    assert taken(world) == 0 and OutboxStatement.objects.count() == 0


def test_an_answer_that_moves_no_level_writes_no_outbox_row(
    world: World, lw: LearningWorld
) -> None:
    answer(world, lw)  # warm: states exist

    def run(**kw: Any) -> tuple[list[str], AnswerResult]:
        with CaptureQueriesContext(connection) as captured:
            result = answer(world, lw, **kw)
        return [q["sql"] for q in captured.captured_queries], result

    runs = [run() for _ in range(8)]
    for sqls, result in runs:
        writes = [sql for sql in sqls if "xapi_outboxstatement" in sql]
        moved = [u for u in result.updates if u.headline != u.previous_headline]
        assert len(writes) == (1 if moved else 0), (writes, moved)
        assert all(sql.startswith("INSERT") for sql in writes)
    assert any(not any("xapi_outboxstatement" in sql for sql in sqls) for sqls, _ in runs)


def test_answers_are_taken_in_id_order_only_once_settled(
    world: World, lw: LearningWorld, settings: Any
) -> None:
    settings.LEARNLOOP_XAPI_SETTLE_SECONDS = 60
    now = timezone.now()
    old = answer(world, lw, now=now - timedelta(minutes=5))
    fresh = answer(world, lw, now=now - timedelta(seconds=10))
    later = answer(world, lw, now=now - timedelta(minutes=4))  # a later id, settled
    assert taken(world, now) == 1  # the fresh one holds back every later id
    assert LrsConfig.objects.get().answers_through == old.response.pk
    assert taken(world, now + timedelta(minutes=1)) == 2
    ids = set(OutboxStatement.objects.filter(verb=Verb.ANSWERED).values_list("id", flat=True))
    assert ids == {answered_statement_id(r.response.pk) for r in (old, fresh, later)}


def test_only_the_schools_own_answers_are_taken(world: World, lw: LearningWorld) -> None:
    answer(world, lw)
    other = School.objects.create(name="Elsewhere")
    elsewhere = LrsConfig.objects.create(school=other, endpoint="https://lrs.example.org/")
    assert take_answers(config=elsewhere, now=timezone.now()) == 0
    assert taken(world) == 1


def test_answers_still_in_the_log_count_as_waiting(world: World, lw: LearningWorld) -> None:
    from learnloop.xapi.selectors import outbox_counts_for_school

    taken(world)  # the LRS exists; nothing to take yet
    answer(world, lw)
    events = OutboxStatement.objects.filter(status=OutboxStatus.PENDING).count()
    assert outbox_counts_for_school(world.school)["pending"] == events + 1
    taken(world)
    assert outbox_counts_for_school(world.school)["pending"] == events + 1


def test_a_new_lrs_is_sent_the_answers_from_then_on(world: World, lw: LearningWorld) -> None:
    answer(world, lw)
    config = save_lrs_config(
        school=world.school, enabled=True, endpoint="https://lrs.example.org/xapi/",
        key_env="K", secret_env="S", version="1.0.3", actor_kind="mbox", home_page="",
    )  # fmt: skip
    assert take_answers(config=config, now=timezone.now()) == 0
    later = answer(world, lw)
    assert take_answers(config=config, now=timezone.now()) == 1
    assert OutboxStatement.objects.filter(id=answered_statement_id(later.response.pk)).exists()


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


def test_a_synced_batch_sends_each_answer_at_its_time(world: World, lw: LearningWorld) -> None:
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
    assert len(inserts) <= 1  # the batch's level changes, if any: answers are the log
    assert taken(world, now) == 6
    answered = OutboxStatement.objects.filter(verb=Verb.ANSWERED).order_by("timestamp")
    assert answered.count() == 6
    assert answered.first().timestamp == now - timedelta(minutes=10)  # type: ignore[union-attr]
    answer_batch(student=world.student, answers=batch_from_json({"answers": entries}), now=now)
    assert taken(world, now) == 0  # a repeat stores nothing, and so sends nothing
    assert OutboxStatement.objects.filter(verb=Verb.ANSWERED).count() == 6
