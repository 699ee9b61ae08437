"""The class pack (GET /teaching/classes/<id>/pack/): the assigned activities' packs for the
class's shared devices, tied to no student; only the class's own teachers get it."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from learnloop.content.drafts import ActivityDraft
from learnloop.content.models import ActivityKind, Modality, Status
from learnloop.content.services import create_activity, set_activity_items
from learnloop.learning.tests.fixtures import LearningWorld, numeric_item
from learnloop.schools.services import ensure_classroom
from learnloop.teaching.tests.factories import assignment_of
from learnloop.testing.world import World
from learnloop.web.views import OPENAPI

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(world: World) -> str:
    return reverse("teaching_class_pack", args=[world.classroom.pk])


def _activity(lw: LearningWorld, kind: str, items: list, *, secure: bool = False):
    body = "Read this first." if kind == ActivityKind.LESSON else ""
    activity = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(kind=kind, title=f"A {kind}", modality=Modality.DO, body=body),
        standards=[lw.standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )
    if items:
        set_activity_items(activity=activity, items=items)
    if secure:
        activity.secure = True
        activity.save(update_fields=["secure"])
    return activity


def test_the_pack_holds_the_assigned_activities_tied_to_no_student(
    world: World, lw: LearningWorld
) -> None:
    assignment_of(world)  # the practice, assigned to the class
    variabilized = lw.items[3]
    variabilized.extra = {"oatutor": {"template": {"rows": 5}}}
    variabilized.save(update_fields=["extra"])
    lw.items[0].secure = True
    lw.items[0].save(update_fields=["secure"])
    response = _client(world.teacher).get(_url(world))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="class-{world.classroom.pk}-pack.json"'
    )
    body = response.json()
    assert body["classroom"] == {"id": world.classroom.pk, "name": world.classroom.name}
    (pack,) = body["packs"]
    assert pack["student_id"] is None and pack["activity"]["id"] == lw.practice.pk
    packed = [item["id"] for item in pack["items"]]
    assert packed == [lw.items[1].pk, lw.items[2].pk, lw.items[4].pk]  # no secure, no drawn
    choice = pack["items"][-1]
    assert choice["hints"] and choice["solution"] and choice["grading"]
    text = response.content.decode()
    assert "client_id" not in text and world.student.username not in text


def test_quizzes_secure_unassigned_draft_and_empty_activities_stay_out(
    world: World, lw: LearningWorld
) -> None:
    quiz = _activity(lw, ActivityKind.QUIZ, [numeric_item(7, lw.standards["6.RP.A.2"])])
    secure = _activity(lw, ActivityKind.PRACTICE, [lw.items[1]], secure=True)
    draft = _activity(lw, ActivityKind.PRACTICE, [lw.items[2]])
    draft.status = Status.DRAFT
    draft.save(update_fields=["status"])
    _activity(lw, ActivityKind.PRACTICE, [lw.items[2]])  # published but not assigned
    empty = _activity(lw, ActivityKind.LESSON, [])  # nothing to practice: no pack
    pairs = [("q", quiz), ("s", secure), ("d", draft), ("e", empty), ("p", lw.practice)]
    for key, activity in pairs:
        assignment_of(world, activity, key)
    body = _client(world.teacher).get(_url(world)).json()
    assert [pack["activity"]["id"] for pack in body["packs"]] == [lw.practice.pk]
    assert lw.items[1].pk not in [item["id"] for item in body["packs"][0]["items"]]  # in secure


def test_a_class_with_nothing_assigned_has_an_empty_pack(world: World, lw: LearningWorld) -> None:
    assert _client(world.teacher).get(_url(world)).json()["packs"] == []


@pytest.mark.parametrize("who", ["other_teacher", "admin", "student", "guardian"])
def test_only_the_classs_teachers_download_it(world: World, lw: LearningWorld, who: str) -> None:
    assignment_of(world)
    assert _client(getattr(world, who)).get(_url(world)).status_code == 403


def test_another_class_of_the_same_teacher_is_its_own(world: World, lw: LearningWorld) -> None:
    assignment_of(world)
    other = ensure_classroom(
        school=world.school, term=world.classroom.term, name="6B", teachers=[world.teacher]
    )
    url = reverse("teaching_class_pack", args=[other.pk])
    assert _client(world.teacher).get(url).json()["packs"] == []
    missing = reverse("teaching_class_pack", args=[999999])
    assert _client(world.teacher).get(missing).status_code == 404


def test_queries_grow_with_activities_not_items(world: World, lw: LearningWorld) -> None:
    assignment_of(world)
    client = _client(world.teacher)
    client.get(_url(world))
    with CaptureQueriesContext(connection) as small:
        client.get(_url(world))
    set_activity_items(
        activity=lw.practice,
        items=[*lw.items, *(numeric_item(20 + i, lw.standards["6.RP.A.2"]) for i in range(10))],
    )
    with CaptureQueriesContext(connection) as large:
        client.get(_url(world))
    assert len(large) == len(small)


def test_the_dashboard_links_the_pack_for_teachers_only(world: World, lw: LearningWorld) -> None:
    dashboard = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    assert _url(world) in _client(world.teacher).get(dashboard).content.decode()
    assert _url(world) not in _client(world.admin).get(dashboard).content.decode()


def test_a_real_class_pack_matches_its_documented_schema(world: World, lw: LearningWorld) -> None:
    assignment_of(world)
    document = json.loads(OPENAPI.read_text())
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    validator = Draft202012Validator(
        {"$ref": "urn:openapi#/components/schemas/ClassPack"},
        registry=Registry().with_resource("urn:openapi", resource),
    )
    body = _client(world.teacher).get(_url(world)).json()
    assert body["packs"][0]["items"]
    validator.validate(body)
    body["packs"][0]["items"][0]["client_id"] = "x"  # a student's packed id: not a class pack's
    assert not validator.is_valid(body)
