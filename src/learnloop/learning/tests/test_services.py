"""record_response: grading, idempotency, O(1) mastery updates, and rebuild from the log."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learnloop.engine.levels import Level
from learnloop.learning.answering.parsing import AnswerError
from learnloop.learning.answering.service import AnswerResult, record_response
from learnloop.learning.models import MasteryState, Response, StudentTrace
from learnloop.learning.services import rebuild_mastery
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.learning.tests.test_views import outbox_writes
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def answer(world: World, lw: LearningWorld, value: Any, item: int = 0, **kw: Any) -> AnswerResult:
    key = kw.pop("client_id", uuid.uuid4())
    item_id = lw.items[item].pk
    return record_response(
        student=world.student, item_id=item_id, client_id=key, answer=value, **kw
    )


def state(world: World, lw: LearningWorld) -> MasteryState:
    return MasteryState.objects.get(student=world.student, standard=lw.standards["6.RP.A.2"])


def test_a_right_answer_is_stored_and_raises_mastery(world: World, lw: LearningWorld) -> None:
    result = answer(world, lw, "3")
    assert result.response.correct and not result.duplicate
    assert result.response.standard_ids == (lw.standards["6.RP.A.2"].pk,)
    assert Response.objects.get(pk=result.response.pk).standard_ids == list(
        result.response.standard_ids
    )
    first = state(world, lw)
    assert first.attempts == 1 and first.successes == 1
    answer(world, lw, "$3.00", item=1)
    assert state(world, lw).mastery > first.mastery


def test_a_repeated_client_id_is_counted_once_and_returns_the_first_result(
    world: World, lw: LearningWorld
) -> None:
    key = uuid.uuid4()
    first = answer(world, lw, "3", client_id=key)
    again = answer(world, lw, "7", client_id=key)
    assert again.duplicate and again.response.pk == first.response.pk and again.response.correct
    assert Response.objects.count() == 1
    assert state(world, lw).attempts == 1


def test_an_unreadable_answer_names_the_field_and_stores_nothing(
    world: World, lw: LearningWorld
) -> None:
    with pytest.raises(AnswerError) as caught:
        answer(world, lw, "three-ish")
    assert caught.value.field == "answer"
    assert not Response.objects.exists() and not MasteryState.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"client_id": "not-a-uuid"}, "client_id"),
        ({"item_id": "x"}, "item_id"),
        ({"item_id": 999_999}, "item_id"),
        ({"item_id": 2**63}, "item_id"),  # past any database's integer: refused, not a 500
        ({"item_id": -1}, "item_id"),
        ({"activity": 999_999}, "activity_id"),
        ({"activity": 2**70}, "activity_id"),
    ],
)
def test_bad_input_is_refused_by_field(
    world: World, lw: LearningWorld, kwargs: dict, field: str
) -> None:
    arguments = {
        "student": world.student,
        "item_id": lw.items[0].pk,
        "client_id": uuid.uuid4(),
        "answer": "3",
    }
    with pytest.raises(AnswerError) as caught:
        record_response(**(arguments | kwargs))
    assert caught.value.field == field
    assert not Response.objects.exists()


def test_a_student_outside_the_class_cannot_answer(world: World, lw: LearningWorld) -> None:
    with pytest.raises(AnswerError) as caught:
        record_response(
            student=world.other_student, item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="3"
        )
    assert caught.value.status == 403


def test_mastery_reaches_mastered_with_enough_right_answers(
    world: World, lw: LearningWorld
) -> None:
    for index in range(12):
        answer(world, lw, "3", item=index % 4)
    final = state(world, lw)
    assert final.level == Level.MASTERED
    assert final.review_due_at is not None and final.review_card is not None


def _bulk_history(world: World, lw: LearningWorld, count: int) -> None:
    start = timezone.now() - timedelta(days=60)
    Response.objects.bulk_create(
        Response(
            student=world.student, client_id=uuid.uuid4(), item=lw.items[i % 5], answer="3",
            correct=i % 3 != 0, score=1.0, standard_ids=[lw.standards["6.RP.A.2"].pk],
            created_at=start + timedelta(seconds=i),
        )
        for i in range(count)
    )  # fmt: skip


def _queries_for_one_answer(world: World, lw: LearningWorld) -> int:
    """The answer's queries (none of them an outbox write, a level moved or not: ADR 0017)."""
    with CaptureQueriesContext(connection) as captured:
        answer(world, lw, "3")
    assert outbox_writes(captured) == 0
    return len(captured.captured_queries)


def test_answer_path_query_count_does_not_grow_with_the_log(
    world: World, lw: LearningWorld
) -> None:
    answer(world, lw, "3")  # warm: the student has states and an aggregate row
    _bulk_history(world, lw, 10)
    small = _queries_for_one_answer(world, lw)
    _bulk_history(world, lw, 10_000)
    large = _queries_for_one_answer(world, lw)
    assert Response.objects.count() > 10_000
    assert small == large, (small, large)


def test_rebuild_from_the_log_equals_the_incremental_states(
    world: World, lw: LearningWorld
) -> None:
    start = timezone.now() - timedelta(days=3)
    for index, value in enumerate(["3", "4", "3", "3", "2", "3", "3", "3"]):
        answer(world, lw, value, item=index % 4, now=start + timedelta(minutes=index))
    answer(world, lw, ["b"], item=4, now=start + timedelta(minutes=20))
    incremental = {
        row.standard_id: (
            row.skill_state,
            row.mastery,
            row.level,
            row.attempts,
            row.review_card,
            row.review_due_at,
        )
        for row in MasteryState.objects.all()
    }
    trace = StudentTrace.objects.get(student=world.student).state
    assert rebuild_mastery() == 9
    rebuilt = {
        row.standard_id: (
            row.skill_state,
            row.mastery,
            row.level,
            row.attempts,
            row.review_card,
            row.review_due_at,
        )
        for row in MasteryState.objects.all()
    }
    assert rebuilt == incremental
    assert StudentTrace.objects.get(student=world.student).state == trace


def test_rebuild_mastery_command(world: World, lw: LearningWorld) -> None:
    from io import StringIO

    from django.core.management import call_command

    answer(world, lw, "3")
    MasteryState.objects.all().delete()
    out = StringIO()
    call_command("rebuild_mastery", stdout=out)
    assert "from 1 responses" in out.getvalue()
    assert state(world, lw).attempts == 1
