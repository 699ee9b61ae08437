"""The JSON answer API's second try (issue 17): the same rule as the practice page's.

A wrong first try may be answered again once, naming it in `retry_of`: attempt 2,
graded on the first try's instance (a variabilized item keeps its numbers), half
credit, not evidence for the engine; hints, scaffolds and the worked solution used are
reported and discount the credit as on the page.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from django.test import Client

from learnloop.content.item_instances import draw_seed, row_for
from learnloop.content.models import Item, Source
from learnloop.content.oatutor_import import import_oatutor
from learnloop.learning.models import MasteryState, Response
from learnloop.standards.models import Framework
from learnloop.standards.services import adopt_framework
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

API = "/learn/api/responses"
POOL = Path(__file__).parents[2] / "content" / "tests" / "fixtures" / "oatutor" / "pool"
HALVES = {0: "4", 1: "6"}  # the made-up pool's fracVar1: half of 8 or of 12 slices


@pytest.fixture
def varied(world: World) -> Item:
    import_oatutor(path=POOL, courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    return Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracVar1")


def _post(client: Client, body: dict) -> tuple[int, dict]:
    response = client.post(API, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def _key_drawing(item: Item, student_id: int, row: int) -> str:
    """A client id whose draw is the given row of the item's values."""
    while True:
        key = uuid.uuid4()
        if row_for(item, draw_seed(student_id, key)) == row:
            return str(key)


def _client(world: World) -> Client:
    client = Client()
    client.force_login(world.student)
    return client


def test_a_second_try_is_graded_on_the_first_tries_instance_for_half_credit(
    world: World, varied: Item
) -> None:
    client, student = _client(world), world.student.pk
    first = _key_drawing(varied, student, 0)
    status, body = _post(client, {"client_id": first, "item_id": varied.pk, "answer": "6"})
    assert status == 201 and body["correct"] is False and body["attempt"] == 1
    assert body["may_try_again"] is True
    attempts = list(MasteryState.objects.values_list("standard_id", "attempts"))
    # The second try's own client id would draw the other row: it is graded on row 0.
    second = _key_drawing(varied, student, 1)
    retry = {"client_id": second, "item_id": varied.pk, "answer": HALVES[0], "retry_of": first}
    status, body = _post(client, retry)
    assert status == 201, body
    assert (body["correct"], body["score"], body["attempt"]) == (True, 0.5, 2)
    assert body["may_try_again"] is False and body["mastery"] == []  # not evidence
    assert list(MasteryState.objects.values_list("standard_id", "attempts")) == attempts
    stored = Response.objects.get(client_id=second)
    assert (stored.attempt, str(stored.retry_of), str(stored.drawn_with)) == (2, first, first)
    # A repeat of the second try is its first result; a third try is refused.
    status, body = _post(client, retry)
    assert status == 200 and body["duplicate"] is True and body["score"] == 0.5
    third = {**retry, "client_id": str(uuid.uuid4())}
    status, body = _post(client, third)
    assert status == 400 and body["errors"] == {"retry_of": "already has its second try"}
    again = {**retry, "client_id": str(uuid.uuid4()), "retry_of": second}
    status, body = _post(client, again)
    assert status == 400 and "is a second try itself" in body["errors"]["retry_of"]
    assert Response.objects.filter(student=world.student).count() == 2


def test_help_reported_by_the_client_discounts_the_credit(world: World, varied: Item) -> None:
    client = _client(world)
    first = _key_drawing(varied, world.student.pk, 0)
    body = {
        "client_id": first,
        "item_id": varied.pk,
        "answer": HALVES[0],
        "hints_used": 1,
        "scaffolds_used": 1,
    }
    status, result = _post(client, body)
    assert status == 201 and result["correct"] is True and result["score"] == 0.5
    stored = Response.objects.get(client_id=first)
    assert (stored.hints_used, stored.scaffolds_used, stored.attempt) == (1, 1, 1)
    wrong = _key_drawing(varied, world.student.pk, 0)
    shown = {"client_id": wrong, "item_id": varied.pk, "answer": "9", "solution_shown": True}
    status, result = _post(client, shown)
    assert status == 201 and result["score"] == 0 and result["may_try_again"] is False
    retry = {"client_id": str(uuid.uuid4()), "item_id": varied.pk, "answer": "4"}
    status, result = _post(client, {**retry, "retry_of": wrong})
    assert status == 400 and "after the worked solution" in result["errors"]["retry_of"]


def test_a_second_try_that_breaks_the_rule_is_refused_naming_retry_of(
    world: World, varied: Item
) -> None:
    client = _client(world)
    right = _key_drawing(varied, world.student.pk, 0)
    _post(client, {"client_id": right, "item_id": varied.pk, "answer": HALVES[0]})
    other = Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracAdd1")
    wrong = str(uuid.uuid4())
    status, _ = _post(client, {"client_id": wrong, "item_id": other.pk, "answer": "0"})
    assert status == 201
    fresh = {"client_id": str(uuid.uuid4()), "item_id": varied.pk, "answer": "4"}
    cases = {
        right: "was right",
        str(uuid.uuid4()): "names no answer of yours",
        wrong: "another item",
    }
    for retry_of, says in cases.items():
        status, body = _post(client, {**fresh, "retry_of": retry_of})
        assert status == 400 and says in body["errors"]["retry_of"], body
    for odd, says in (
        ("not-a-uuid", "a UUID"),
        (7, "client_id of the wrong first try"),
        (fresh["client_id"], "names this answer itself"),
    ):
        status, body = _post(client, {**fresh, "retry_of": odd})
        assert status == 400 and says in body["errors"]["retry_of"], body
    status, body = _post(client, {**fresh, "solution_shown": "yes"})
    assert status == 400 and "solution_shown" in body["errors"]
    status, body = _post(client, {**fresh, "scaffolds_used": -1})
    assert status == 400 and "scaffolds_used" in body["errors"]
    assert not Response.objects.filter(client_id=fresh["client_id"]).exists()


def test_another_students_first_try_cannot_be_retried(world: World, varied: Item) -> None:
    first = str(uuid.uuid4())
    _post(_client(world), {"client_id": first, "item_id": varied.pk, "answer": "9"})
    adopt_framework(
        classroom=world.other_classroom,
        framework=Framework.objects.get(title="Made-up Fractions"),
    )
    mine = Client()
    mine.force_login(world.other_student)
    body = {"client_id": str(uuid.uuid4()), "item_id": varied.pk, "answer": "4", "retry_of": first}
    status, result = _post(mine, body)
    assert status == 400 and "names no answer of yours" in result["errors"]["retry_of"]
    assert not Response.objects.filter(student=world.other_student).exists()
