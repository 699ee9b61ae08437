"""The probes of issue 15 ("no page falls over on odd input"), each replayed as found.

Every one was a 500 (or a row no database could read back) before `web.parsing` and the
`RefuseUnstorableInput` middleware: now each is a form error or a 400 naming the field,
and nothing is stored.
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import User
from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.teaching.models import Assignment
from learnloop.teaching.tests.factories import group_of
from learnloop.testing.world import World

HUGE_ID = "1" * 25  # past 64 bits: SQLite's driver raised OverflowError
DIGITS_5000 = "7" * 5000  # past Python's 4,300-digit int() limit
API = "/learn/api/responses"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def lw(world: World) -> LearningWorld:
    return learning_world(world)


def _answer(lw: LearningWorld, **fields: object) -> dict[str, object]:
    return {"client_id": str(uuid.uuid4()), "item_id": lw.items[0].pk, "answer": "3", **fields}


def _post_json(client: Client, body: str | dict) -> object:
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(API, text, content_type="application/json")


@pytest.mark.parametrize("value", ["²", "abc", HUGE_ID, DIGITS_5000, "-1", "0"])
def test_the_heatmap_unit_filter_refuses_odd_values_by_name(world: World, value: str) -> None:
    url = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    response = client_for(world.teacher).get(url, {"unit": value})
    assert response.status_code == 400
    assert "unit" in response.content.decode()


def test_a_blank_unit_is_no_filter(world: World) -> None:
    url = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    assert client_for(world.teacher).get(url, {"unit": ""}).status_code == 200


@pytest.mark.parametrize("value", ["²", HUGE_ID, DIGITS_5000])
def test_the_assignment_group_parameter_refuses_odd_values(world: World, value: str) -> None:
    url = reverse("teaching_assignment_new", args=[world.classroom.pk])
    response = client_for(world.teacher).get(url, {"group": value})
    assert response.status_code == 400
    assert "group" in response.content.decode()


def test_a_real_group_parameter_still_preselects_it(world: World, lw: LearningWorld) -> None:
    group = group_of(world)
    url = reverse("teaching_assignment_new", args=[world.classroom.pk])
    response = client_for(world.teacher).get(url, {"group": group.pk})
    assert response.status_code == 200


@pytest.mark.parametrize("value", [HUGE_ID, "²", DIGITS_5000])
def test_a_multi_select_with_an_odd_id_is_a_form_error(
    world: World, lw: LearningWorld, value: str
) -> None:
    url = reverse("teaching_assignment_new", args=[world.classroom.pk])
    data = {
        "activity": lw.practice.pk,
        "audience": "students",
        "students": [value],
        "client_id": str(uuid.uuid4()),
    }
    response = client_for(world.teacher).post(url, data)
    assert response.status_code in (200, 400)
    assert Assignment.objects.count() == 0
    data["activity"] = value  # the single select too
    data["students"] = [world.student.pk]
    response = client_for(world.teacher).post(url, data)
    assert response.status_code in (200, 400)
    assert Assignment.objects.count() == 0


@pytest.mark.parametrize("value", ["²", DIGITS_5000, HUGE_ID])
def test_goal_standards_with_odd_values_never_fail(
    world: World, lw: LearningWorld, value: str
) -> None:
    client = client_for(world.student)
    for extra in ({"find": "1", "q": "ratio"}, {}):
        data = {"kind": "standards", "title": "Ratios", "standards": [value], **extra}
        response = client.post(reverse("goals_new"), data)
        assert response.status_code in (200, 400)
        if response.status_code == 400:
            assert "standards" in response.content.decode()


@pytest.mark.parametrize("group_count", ["²", DIGITS_5000, "0", "99"])
def test_the_group_count_refuses_odd_values(
    world: World, lw: LearningWorld, group_count: str
) -> None:
    url = reverse("teaching_group_suggest", args=[world.classroom.pk])
    standard = lw.standards["6.RP.A.2"]
    data = {"standards": [standard.pk], "k": "3", "group_count": group_count}
    response = client_for(world.teacher).post(url, data)
    assert response.status_code == 400
    assert "group_count" in response.content.decode()


@pytest.mark.parametrize("item_id", ["", "abc", "²", HUGE_ID])
def test_the_practice_page_refuses_a_blank_or_odd_item_id(
    world: World, lw: LearningWorld, item_id: str
) -> None:
    client = client_for(world.student)
    url = reverse("learning_practice", args=[lw.practice.pk])
    client.get(url)
    data = {"item_id": item_id, "client_id": str(uuid.uuid4()), "answer": "3"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "which question" in response.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"client_id": "%s", "item_id": Infinity, "answer": "3"}', "body"),
        ('{"client_id": "%s", "item_id": NaN, "answer": "3"}', "body"),
        ('{"client_id": "%s", "item_id": 1e400, "answer": "3"}', "body"),
        ('{"client_id": "%s", "item_id": ' + DIGITS_5000 + ', "answer": "3"}', "body"),
        ('{"client_id": "%s", "item_id": 1, "answer": "3", "seconds": 1e400}', "body"),
        ('{"client_id": "%s", "item_id": true, "answer": "3"}', "item_id"),
        ('{"client_id": "%s", "item_id": 1, "answer": "3", "activity_id": true}', "activity_id"),
        ('{"client_id": "%s", "item_id": 1, "answer": "3", "hints_used": false}', "hints_used"),
        ('{"client_id": "%s", "item_id": 1, "answer": "3", "seconds": -1}', "seconds"),
        ('{"client_id": "%s", "item_id": ' + HUGE_ID + ', "answer": "3"}', "item_id"),
        ('{"client_id": "%s", "item_id": 1.5, "answer": "3"}', "item_id"),
        ('{"client_id": "%s", "item_id": "1", "answer": "\\ud800"}', "answer"),
        ('{"client_id": "%s", "item_id": "1", "answer": "a\\u0000b"}', "answer"),
        ('{"client_id": "%s", "item_id": "1", "answer": ["\\udfff"]}', "answer"),
        ('{"client_id": "%s", "item_id": "1", "answer": {"x": 1}}', "answer"),
        ('{"client_id": "%s", "item_id": "1", "answer": "' + "9" * 5000 + '"}', "answer"),
        ("[" * 5000 + "]" * 5000, "body"),
        ('{"a": ' + "[" * 5000 + "]" * 5000 + "}", "body"),
    ],
)
def test_the_json_api_refuses_odd_json_by_field_and_stores_nothing(
    world: World, lw: LearningWorld, body: str, field: str
) -> None:
    text = body.replace("%s", str(uuid.uuid4())).replace(
        '"item_id": 1,', f'"item_id": {lw.items[0].pk},'
    )
    text = text.replace('"item_id": "1"', f'"item_id": "{lw.items[0].pk}"')
    response = _post_json(client_for(world.student), text)
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert not Response.objects.exists()


def test_an_ordinary_answer_still_goes_through(world: World, lw: LearningWorld) -> None:
    response = _post_json(client_for(world.student), _answer(lw, hints_used=1, seconds=20))
    assert response.status_code == 201, response.content
    assert Response.objects.count() == 1


def test_a_json_body_over_the_cap_is_refused(world: World, lw: LearningWorld, settings) -> None:
    settings.LEARNLOOP_MAX_JSON_BODY_BYTES = 1_000
    body = _answer(lw, answer="1", padding="x" * 2_000)
    response = _post_json(client_for(world.student), body)
    assert response.status_code == 400
    assert "body" in response.json()["errors"]
    assert not Response.objects.exists()


@pytest.mark.parametrize("where", ["query", "form"])
def test_a_nul_in_any_parameter_is_refused_at_the_door(world: World, where: str) -> None:
    client = client_for(world.student)
    if where == "query":
        response = client.get(reverse("learning_activity_list"), {"q": "rat\x00io"})
    else:
        response = client.post(reverse("goals_new"), {"kind": "habit", "title": "a\x00b"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "NUL" in page
    assert ("q" if where == "query" else "title") in page
