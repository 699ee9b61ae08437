"""Statements are written in the transaction of the change that causes them, but for an
answer's: the stored response is the outbox of its "answered", of the levels it moved
and of the session it ended, taken by the send job (ADR 0017)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learnloop.core.events import EVENT_SINKS, Verb
from learnloop.engine.levels import Level
from learnloop.goals.services import achieve_goal
from learnloop.goals.tests.factories import goal_of
from learnloop.learning.answering.service import AnswerResult, record_response
from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.portfolio.models import ArtifactKind
from learnloop.portfolio.services import add_artifact, update_artifact
from learnloop.schools.models import School
from learnloop.testing.world import World
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus
from learnloop.xapi.outbox import answered_statement_id, statement_id, store_events, take_answers
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
    assert row.standard_ids == sorted(result.standard_names)
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


def test_no_answer_writes_an_outbox_row_even_one_that_moves_a_level(
    world: World, lw: LearningWorld
) -> None:
    answer(world, lw)  # warm: states exist

    def run(**kw: Any) -> tuple[list[str], AnswerResult]:
        with CaptureQueriesContext(connection) as captured:
            result = answer(world, lw, **kw)
        return [q["sql"] for q in captured.captured_queries], result

    runs = [run() for _ in range(8)]
    moved_by = {}
    for sqls, result in runs:
        assert not [sql for sql in sqls if "xapi_outboxstatement" in sql]
        moved = [
            [u.standard_id, int(u.headline)] for u in result.updates
            if u.headline != u.previous_headline
        ]  # fmt: skip
        assert (result.response.level_moves or []) == moved  # as returned
        stored = Response.objects.get(pk=result.response.pk).level_moves
        assert (stored or []) == moved  # as stored
        if moved:
            moved_by[result.response.pk] = moved
    assert moved_by, "eight right answers move a level"
    taken(world)
    for response_id, moved in moved_by.items():
        for standard_id, level in moved:
            row = OutboxStatement.objects.get(id=statement_id(response_id, f"levels/{standard_id}"))
            response = Response.objects.get(pk=response_id)
            headline = Level(level)
            assert row.verb == (Verb.MASTERED if headline == Level.MASTERED else Verb.PROGRESSED)
            assert (row.object_type, row.object_id) == ("standard", standard_id)
            assert row.result == {"level": headline.label, "scaled": level / 4}
            assert row.standard_ids == [standard_id] and row.timestamp == response.created_at
            assert row.student_id == world.student.pk and row.school_id == world.school.pk


def test_a_level_change_has_the_content_a_synced_batch_gives_it(
    world: World, lw: LearningWorld
) -> None:
    """The statement taken with a response is the one `level_events` makes of the same
    update (the synced batch's, still written at once)."""
    from learnloop.learning.answering.service import level_events

    for _ in range(12):
        result = answer(world, lw)
        if result.response.level_moves:
            break
    assert result.response.level_moves
    taken(world)
    events = level_events(world.student, result.updates, result.response.created_at)
    for event in events:
        row = OutboxStatement.objects.get(
            id=statement_id(result.response.pk, f"levels/{event.object_id}")
        )
        assert (row.verb, row.object_type, row.object_id) == (
            event.verb, event.object_type, event.object_id,
        )  # fmt: skip
        assert row.result == event.result and row.standard_ids == list(event.standard_ids)
        assert row.timestamp == event.when and row.activity_id == event.activity_id


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
    results = [answer(world, lw) for _ in range(6)]
    assert not OutboxStatement.objects.exists()
    moves = sum(len(r.response.level_moves or ()) for r in results)
    assert moves  # their level changes wait in the log too
    assert outbox_counts_for_school(world.school)["pending"] == 6 + moves
    taken(world)
    assert OutboxStatement.objects.filter(status=OutboxStatus.PENDING).count() == 6 + moves
    assert outbox_counts_for_school(world.school)["pending"] == 6 + moves


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
    assert not OutboxStatement.objects.exists()  # in the log until the send job takes them
    taken(world)
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
