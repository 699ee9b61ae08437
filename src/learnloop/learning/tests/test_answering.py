"""The answer wing: one typed reading of a submission for both entrances, one service
that answers whole (response, updates, board), the same refusals through the page and
the JSON endpoint."""

from __future__ import annotations

import uuid

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from learnloop.learning.answering.parsing import (
    AnswerError,
    AnswerSubmission,
    submission_from_form,
    submission_from_json,
)
from learnloop.learning.answering.service import answer_item
from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World
from learnloop.web.parsing import BadInput

pytestmark = pytest.mark.django_db


def _form(**values: str | list[str]) -> QueryDict:
    form = QueryDict(mutable=True)
    for name, value in values.items():
        if isinstance(value, list):
            form.setlist(name, value)
        else:
            form[name] = value
    return form


def test_the_page_and_the_json_endpoint_read_one_answer_alike() -> None:
    key = uuid.uuid4()
    from_json = submission_from_json({"client_id": str(key), "item_id": 7, "answer": "3"})
    from_form = submission_from_form(_form(item_id="7", client_id=str(key), answer="3"))
    assert from_json == from_form == AnswerSubmission(item_id=7, client_id=key, answer="3")
    chosen = submission_from_form(
        _form(item_id="7", client_id=str(key), kind="multiple_choice", answer=["a", "c"])
    )
    assert chosen.answer == ["a", "c"]


@pytest.mark.parametrize(
    ("client_id", "answer", "field"),
    [
        ("not-a-uuid", "3", "client_id"),
        (str(uuid.UUID(int=1)), "9" * 1_001, "answer"),
    ],
)
def test_both_readings_refuse_the_same_odd_answer_by_field(
    client_id: str, answer: str, field: str
) -> None:
    with pytest.raises(AnswerError) as from_json:
        submission_from_json({"client_id": client_id, "item_id": 7, "answer": answer})
    with pytest.raises(AnswerError) as from_form:
        submission_from_form(_form(item_id="7", client_id=client_id, answer=answer))
    assert from_json.value.field == from_form.value.field == field
    assert from_json.value.status == from_form.value.status == 400


def test_an_item_id_that_is_no_id_is_refused_by_both() -> None:
    with pytest.raises(BadInput) as from_json:
        submission_from_json({"client_id": str(uuid.uuid4()), "item_id": "x", "answer": "3"})
    with pytest.raises(AnswerError) as from_form:
        submission_from_form(_form(item_id="x", client_id=str(uuid.uuid4()), answer="3"))
    assert from_json.value.field == from_form.value.field == "item_id"


def test_one_answer_comes_back_whole(world: World, lw: LearningWorld) -> None:
    submission = AnswerSubmission(item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="3")
    outcome = answer_item(student=world.student, submission=submission)
    stored = Response.objects.get(student=world.student)
    assert (outcome.response.pk, outcome.response.correct, outcome.duplicate) == (
        stored.pk,
        True,
        False,
    )
    assert [u.standard_id for u in outcome.updates] == [lw.standards["6.RP.A.2"].pk]
    assert outcome.board and outcome.more_feedback == ""
    again = answer_item(student=world.student, submission=submission)
    assert again.duplicate and again.response.pk == stored.pk and again.updates == ()


def test_a_wrong_answer_says_more_than_right_or_wrong(world: World, lw: LearningWorld) -> None:
    submission = AnswerSubmission(item_id=lw.items[0].pk, client_id=uuid.uuid4(), answer="4")
    outcome = answer_item(student=world.student, submission=submission)
    assert not outcome.response.correct
    assert outcome.more_feedback == outcome.feedback != ""


def test_a_bad_client_id_is_a_400_through_the_page_and_the_api(
    world: World, lw: LearningWorld
) -> None:
    client = Client()
    client.force_login(world.student)
    page = client.post(
        reverse("learning_practice", args=[lw.practice.pk]),
        {"item_id": lw.items[0].pk, "client_id": "nope", "answer": "3"},
    )
    api = client.post(
        reverse("learning_api_responses"),
        {"item_id": lw.items[0].pk, "client_id": "nope", "answer": "3"},
        content_type="application/json",
    )
    assert page.status_code == api.status_code == 400
    assert "client_id" in api.json()["errors"]
    assert not Response.objects.filter(student=world.student).exists()
