"""The answer path's rows are small frozen values (issue 16), never model instances: the
response an answer stores and reads back, the activity the practice page answers in and
its practice session.
Each is compared field by field with the row as the ORM reads it."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from django.db import models

from learnloop.content.models import Item
from learnloop.learning.access import access_practice_activity
from learnloop.learning.answering import queries
from learnloop.learning.answering.parsing import AnswerSubmission
from learnloop.learning.answering.queries import ActivityRow, ResponseRow, SessionRow
from learnloop.learning.answering.service import answer_in_session, answer_item, record_response
from learnloop.learning.models import PracticeSession, Response
from learnloop.learning.practice import open_session
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def _as_orm_reads(row: ResponseRow) -> None:
    stored = Response.objects.get(pk=row.id)
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


def _as_orm_reads_session(row: SessionRow) -> None:
    stored = PracticeSession.objects.get(pk=row.id)
    for field in dataclasses.fields(row):
        assert getattr(row, field.name) == getattr(stored, field.name), field.name


def test_the_page_answers_in_a_session_row_and_writes_back_what_the_answer_changed(
    world: World, lw: LearningWorld
) -> None:
    activity = access_practice_activity(world.student, lw.practice.pk)
    opened = open_session(student=world.student, activity=activity)
    assert isinstance(opened, SessionRow) and not isinstance(opened, models.Model)
    assert opened.current_item_id is not None and opened.answered == 0
    _as_orm_reads_session(opened)  # a new session, served its first item
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
    _as_orm_reads_session(session)  # the answer's changes, as stored
