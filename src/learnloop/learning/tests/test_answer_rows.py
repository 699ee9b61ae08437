"""The answer path's rows are small frozen values (issue 16), never model instances: the
item it grades, the response an answer stores and reads back, the activity the practice
page answers in and its practice session.
Each is compared field by field with the row as the ORM reads it."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from django.db import models

from learnloop.content.grading_adapter import grade_item
from learnloop.content.item_instances import is_variabilized, item_instance
from learnloop.content.models import Item, Source, Status
from learnloop.content.oatutor_import import import_oatutor
from learnloop.content.tests.test_oatutor import POOL as OATUTOR_POOL
from learnloop.learning.access import access_practice_activity
from learnloop.learning.answering import batch_queries, queries
from learnloop.learning.answering.parsing import AnswerSubmission
from learnloop.learning.answering.queries import ActivityRow, ItemRow, ResponseRow, SessionRow
from learnloop.learning.answering.service import answer_in_session, answer_item, record_response
from learnloop.learning.models import PracticeSession, Response
from learnloop.learning.practice import open_session
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def _as_orm_reads(
    row: ResponseRow | SessionRow | ItemRow, model: type[models.Model] = Response
) -> None:
    """Every field of the row equals the ORM's reading of the same row (a response's
    standard ids, a list to the ORM, are the row's tuple)."""
    stored = model.objects.get(pk=row.id)  # type: ignore[attr-defined]
    for field in dataclasses.fields(row):
        expected = getattr(stored, field.name)
        if field.name == "standard_ids":
            expected = tuple(expected)
        assert getattr(row, field.name) == expected, field.name


def test_an_answer_returns_its_response_as_a_frozen_row_equal_to_the_stored_one(
    world: World, lw: LearningWorld
) -> None:
    key = uuid.uuid4()
    result = record_response(student=world.student, item_id=lw.items[0].pk, client_id=key,
                             answer="3", hints_used=1, seconds=12)  # fmt: skip
    row = result.response
    assert isinstance(row, ResponseRow) and not isinstance(row, models.Model)
    assert row.client_id == key and row.drawn_with == key and row.pk == row.id
    _as_orm_reads(row)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.correct = False  # type: ignore[misc]
    again = record_response(student=world.student, item_id=lw.items[0].pk, client_id=key,
                            answer="4")  # fmt: skip
    assert again.duplicate and again.response == row  # read back: the same values


def test_the_stored_response_and_the_second_try_are_read_as_rows(
    world: World, lw: LearningWorld
) -> None:
    first = uuid.uuid4()
    wrong = record_response(student=world.student, item_id=lw.items[0].pk, client_id=first,
                            answer="7")  # fmt: skip
    assert not wrong.response.correct
    second = uuid.uuid4()
    retry = answer_item(
        student=world.student,
        submission=AnswerSubmission(
            item_id=lw.items[0].pk, client_id=second, answer="3", retry_of=first, attempt=2
        ),
    )
    assert retry.response.retry_of == first and retry.response.drawn_with == first
    read = queries.second_try_of(world.student.pk, first)
    assert read == retry.response and isinstance(read, ResponseRow)
    _as_orm_reads(read)
    assert queries.stored_response(world.student.pk, first) == wrong.response
    assert queries.stored_response(world.student.pk, str(first)) == wrong.response  # as text
    assert queries.stored_response(world.student.pk, uuid.uuid4()) is None
    assert queries.second_try_of(world.student.pk, second) is None


def test_the_practice_page_answers_in_an_activity_row(world: World, lw: LearningWorld) -> None:
    lw.practice.extra = {"practice": {"items": 3}}
    lw.practice.save(update_fields=["extra"])
    row = access_practice_activity(world.student, lw.practice.pk)
    assert row == ActivityRow(lw.practice.pk, lw.practice.title, {"practice": {"items": 3}})
    assert row.pk == lw.practice.pk and not isinstance(row, models.Model)
    assert queries.activity(lw.practice.pk + 10_000) is None
    standards = sorted(lw.practice.standards.values_list("pk", flat=True))
    assert queries.activity_standard_ids(lw.practice.pk) == standards


def test_the_page_answers_in_a_session_row_and_writes_back_what_the_answer_changed(
    world: World, lw: LearningWorld
) -> None:
    activity = access_practice_activity(world.student, lw.practice.pk)
    opened = open_session(student=world.student, activity=activity)
    assert isinstance(opened, SessionRow) and not isinstance(opened, models.Model)
    assert opened.current_item_id is not None and opened.answered == 0
    _as_orm_reads(opened, PracticeSession)  # a new session, served its first item
    assert queries.open_session_for_update(world.student.pk, lw.practice.pk) == opened
    with pytest.raises(dataclasses.FrozenInstanceError):
        opened.answered = 3  # type: ignore[misc]
    item = Item.objects.get(pk=opened.current_item_id)
    session, outcome = answer_in_session(
        student=world.student,
        activity=activity,
        submission=AnswerSubmission(
            item_id=item.pk,
            client_id=opened.current_client_id,
            answer="a" if item.kind == "single_choice" else "3",
        ),
    )
    assert not outcome.duplicate and (session.answered, opened.answered) == (1, 0)
    assert session.last_active_at > opened.last_active_at
    _as_orm_reads(session, PracticeSession)  # the answer's changes, as stored


def test_the_answer_reads_its_item_as_a_frozen_row_equal_to_the_stored_one(
    world: World, lw: LearningWorld
) -> None:
    item_id = lw.items[0].pk
    found, _ = queries.published_item(item_id, Status.PUBLISHED, world.student.pk)
    assert found is not None
    row = found.item
    assert isinstance(row, ItemRow) and not isinstance(row, models.Model)
    assert row.pk == row.id == item_id
    _as_orm_reads(row, Item)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.stem = "changed"  # type: ignore[misc]
    assert batch_queries.published_items([item_id], Status.PUBLISHED)[item_id].item == row
    assert queries.item(item_id) == row
    assert queries.published_item(item_id, Status.DRAFT) == (None, None)
    outcome = answer_item(
        student=world.student,
        submission=AnswerSubmission(item_id=item_id, client_id=uuid.uuid4(), answer="3"),
    )
    assert outcome.item == row and outcome.response.correct


def test_a_drawn_row_is_a_new_row_drawn_as_the_model_is(db: None) -> None:
    """A variabilized item read as a row draws as the model does (same text, key and
    grade), into a new row: the row read stays as stored."""
    import_oatutor(path=OATUTOR_POOL)
    for problem in ("fracVar1", "fracMc1", "fracAdd1"):
        model = Item.objects.get(source=Source.OATUTOR, source_identifier=f"shared:{problem}")
        row = queries.item(model.pk)
        assert row is not None
        _as_orm_reads(row, Item)
        choices = queries.item_choices(model.pk)
        for seed in ("1:a", "1:b", "2:c"):
            from_model = item_instance(model, seed)
            from_row = item_instance(row, seed, choices)
            assert isinstance(from_row.item, ItemRow) and from_row.row == from_model.row
            assert from_row.choices == from_model.choices
            for field in dataclasses.fields(ItemRow):
                drawn = getattr(from_model.item, field.name)
                assert getattr(from_row.item, field.name) == drawn, (problem, field.name)
            for answer in ("4", "6", "3/4", "A", "B"):
                assert grade_item(from_row.item, answer, from_row.choices) == grade_item(
                    from_model.item, answer, from_model.choices
                )
        _as_orm_reads(row, Item)  # drawing never changed the row read
    varied = queries.item(
        Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracVar1").pk
    )
    assert varied is not None and is_variabilized(varied)
    rows = {item_instance(varied, f"1:{n}").item.stem for n in range(12)}
    assert len(rows) > 1  # the seed draws different rows, each a new ItemRow


def test_a_row_without_its_choices_is_refused_not_read(world: World, lw: LearningWorld) -> None:
    """A row has no `choices` relation: a choice row graded without its choices is a
    TypeError, never a query or a silent empty list."""
    row = queries.item(lw.items[0].pk)
    assert row is not None
    choice_row = dataclasses.replace(row, kind="single_choice")
    with pytest.raises(TypeError, match="pass them as `choices`"):
        grade_item(choice_row, "A")
