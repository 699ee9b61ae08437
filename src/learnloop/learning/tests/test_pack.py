"""The practice pack: what a device gets to practice offline, and what it never gets."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from learnloop.content.drafts import ActivityDraft
from learnloop.content.grading import grade
from learnloop.content.grading_adapter import spec_for_item
from learnloop.content.grading_specs import spec_from_json
from learnloop.content.item_instances import draw_seed, row_for
from learnloop.content.models import Activity, ActivityKind, Item, Modality, Source, Status
from learnloop.content.oatutor_import import import_oatutor
from learnloop.content.services import create_activity, set_activity_items
from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld, numeric_item
from learnloop.standards.models import Framework
from learnloop.standards.services import adopt_framework
from learnloop.testing.world import World
from learnloop.web.views import OPENAPI

PACK = "/learn/api/pack"
BATCH = "/learn/api/answers/batch"
POOL = Path(__file__).parents[2] / "content" / "tests" / "fixtures" / "oatutor" / "pool"


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pack(world: World, activity_id: object) -> dict:
    response = _client(world.student).get(PACK, {"activity": activity_id})
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def _activity(lw: LearningWorld, kind: str, items: list, *, secure: bool = False):
    activity = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(kind=kind, title=f"A {kind}", modality=Modality.DO),
        standards=[lw.standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )
    set_activity_items(activity=activity, items=items)
    if secure:
        activity.secure = True
        activity.save(update_fields=["secure"])
    return activity


def test_a_pack_holds_each_item_with_what_immediate_feedback_needs(
    world: World, lw: LearningWorld
) -> None:
    pack = _pack(world, lw.practice.pk)
    assert pack["activity"]["id"] == lw.practice.pk
    assert [item["id"] for item in pack["items"]] == [item.pk for item in lw.items]
    choice = pack["items"][-1]
    assert [c["key"] for c in choice["choices"]] == ["a", "b", "c"]
    assert choice["hints"] == ["Cats come first.", "Count each animal."]
    assert "3:5" in choice["solution"]
    for packed, item in zip(pack["items"], lw.items, strict=True):
        server = spec_for_item(item)
        assert spec_from_json(packed["grading"]).choices == tuple(
            replace(choice, text="") for choice in server.choices
        )
        assert spec_from_json(packed["grading"]) == replace(
            server, choices=spec_from_json(packed["grading"]).choices
        )


def test_secure_and_draft_items_and_items_also_in_a_quiz_are_never_packed(
    world: World, lw: LearningWorld
) -> None:
    secure, in_quiz, draft = lw.items[0], lw.items[1], lw.items[2]
    secure.secure = True
    secure.save(update_fields=["secure"])
    _activity(lw, ActivityKind.QUIZ, [in_quiz])
    draft.status = Status.DRAFT
    draft.save(update_fields=["status"])
    ids = [item["id"] for item in _pack(world, lw.practice.pk)["items"]]
    assert ids == [lw.items[3].pk, lw.items[4].pk]


def test_a_quiz_or_a_secure_activity_has_no_pack(world: World, lw: LearningWorld) -> None:
    for activity in (
        _activity(lw, ActivityKind.QUIZ, lw.items[:2]),
        _activity(lw, ActivityKind.PRACTICE, lw.items[:2], secure=True),
    ):
        response = _client(world.student).get(PACK, {"activity": activity.pk})
        assert response.status_code == 403
        assert "secure" in response.json()["errors"]["activity"]


def test_bad_or_missing_activity_is_a_400_naming_the_field(world: World, lw: LearningWorld) -> None:
    client = _client(world.student)
    for query in ({}, {"activity": "abc"}, {"activity": "0"}, {"activity": str(2**70)}):
        response = client.get(PACK, query)
        assert response.status_code == 400, query
        assert "activity" in response.json()["errors"]


def test_only_the_students_own_activities_are_packed(world: World, lw: LearningWorld) -> None:
    assert _client(world.other_student).get(PACK, {"activity": lw.practice.pk}).status_code == 403
    assert _client(world.teacher).get(PACK, {"activity": lw.practice.pk}).status_code == 403
    assert Client().get(PACK, {"activity": lw.practice.pk}).status_code == 401
    missing = _client(world.student).get(PACK, {"activity": 987654})
    assert missing.status_code == 404
    assert "activity" in missing.json()["errors"]


def test_a_pack_costs_the_same_queries_whatever_its_size(world: World, lw: LearningWorld) -> None:
    client = _client(world.student)
    client.get(PACK, {"activity": lw.practice.pk})
    with CaptureQueriesContext(connection) as small:
        client.get(PACK, {"activity": lw.practice.pk})
    more = [numeric_item(10 + index, lw.standards["6.RP.A.2"]) for index in range(6)]
    set_activity_items(activity=lw.practice, items=[*lw.items, *more])
    with CaptureQueriesContext(connection) as large:
        pack = client.get(PACK, {"activity": lw.practice.pk}).json()
    assert len(pack["items"]) == len(lw.items) + 6
    assert len(large) == len(small)


def test_a_real_pack_matches_its_documented_schema(world: World, lw: LearningWorld) -> None:
    document = json.loads(OPENAPI.read_text())
    resource = Resource.from_contents(document, default_specification=DRAFT202012)
    validator = Draft202012Validator(
        {"$ref": "urn:openapi#/components/schemas/Pack"},
        registry=Registry().with_resource("urn:openapi", resource),
    )
    validator.validate(_pack(world, lw.practice.pk))


def _varied_pack_item(world: World) -> tuple[dict, int, Item]:
    """A pack of the made-up fractions practice; its variabilized item (slices 8 or 12,
    half 4 or 6) and the row its packed client id draws for the student."""
    varied = Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracVar1")
    activity = Activity.objects.filter(items=varied).get()
    packed = next(i for i in _pack(world, activity.pk)["items"] if i["id"] == varied.pk)
    return packed, row_for(varied, draw_seed(world.student.pk, packed["client_id"])), varied


def _sync_one(world: World, packed: dict, answer: str) -> dict:
    varied = Item.objects.get(pk=packed["id"])
    entry = {
        "client_id": packed["client_id"],
        "item": packed["id"],
        "answer": answer,
        "client_time": timezone.now().isoformat(),
        "activity": Activity.objects.filter(items=varied).get().pk,
    }
    response = _client(world.student).post(
        BATCH, json.dumps({"answers": [entry]}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_a_variabilized_item_is_packed_as_the_instance_its_client_id_draws(
    world: World,
) -> None:
    import_oatutor(path=POOL, courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    seen: dict[int, dict] = {}
    for _ in range(40):  # each download draws afresh: both rows turn up
        packed, row, varied = _varied_pack_item(world)
        seen.setdefault(row, packed)
        if len(seen) == 2:
            break
    assert set(seen) == {0, 1}
    for row, slices, half in ((0, "8", "4"), (1, "12", "6")):
        packed = seen[row]
        uuid.UUID(packed["client_id"], version=4)
        assert packed["drawn"] is True
        assert f"{slices} slices" in packed["stem"]
        assert packed["steps"][0]["hints"][0]["text"] == f"Divide {slices} by 2."
        assert grade(spec_from_json(packed["grading"]), half).correct
        assert not grade(spec_from_json(packed["grading"]), "10").correct
    plain = Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracAdd1")
    activity = Activity.objects.filter(items=plain).get()
    (packed_plain,) = [i for i in _pack(world, activity.pk)["items"] if i["id"] == plain.pk]
    assert packed_plain["drawn"] is False and uuid.UUID(packed_plain["client_id"])
    assert packed_plain["stem"] == plain.stem
    assert "8 slices" in varied.stem  # the stored item is row 0, untouched


@pytest.mark.django_db
def test_a_packed_answer_synced_with_its_client_id_is_regraded_as_the_packed_instance(
    world: World,
) -> None:
    import_oatutor(path=POOL, courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    halves = {0: "4", 1: "6"}
    right, row, varied = _varied_pack_item(world)
    assert grade(spec_from_json(right["grading"]), halves[row]).correct  # as the browser
    (result,) = _sync_one(world, right, halves[row])["results"]
    assert result["status"] == "stored" and result["correct"] is True

    wrong, row, _ = _varied_pack_item(world)  # a new download: a new client id
    assert wrong["client_id"] != right["client_id"]
    (result,) = _sync_one(world, wrong, halves[1 - row])["results"]  # the other row's
    assert result["status"] == "stored" and result["correct"] is False
    stored = Response.objects.filter(student=world.student, item=varied).order_by("pk")
    assert [(str(r.client_id), r.correct) for r in stored] == [
        (right["client_id"], True),
        (wrong["client_id"], False),
    ]
