"""One rule for "may this student answer this item in this activity", asked by the
practice page and the JSON endpoint alike: neither stores an answer the other refuses."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from learnloop.content.drafts import ActivityDraft
from learnloop.content.models import Activity, ActivityKind, Item, Modality, Status
from learnloop.content.services import create_activity, set_activity_items
from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld, client_for, numeric_item
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def practice_activity(
    lw: LearningWorld, *, school: Any, status: str, items: list[Item]
) -> Activity:
    activity = create_activity(
        author=None,
        school=school,
        draft=ActivityDraft(kind=ActivityKind.PRACTICE, title="Elsewhere", modality=Modality.DO),
        standards=[lw.standards["6.RP.A.2"]],
        status=status,
    )
    set_activity_items(activity=activity, items=items)
    return activity


def other_schools_item(world: World, lw: LearningWorld) -> Item:
    item = numeric_item(9, lw.standards["6.RP.A.2"])
    Item.objects.filter(pk=item.pk).update(school=world.other_school)
    return item


def post_answer(client: Client, item_id: int, activity_id: int | None) -> Any:
    payload: dict[str, Any] = {"client_id": str(uuid.uuid4()), "item_id": item_id, "answer": "3"}
    if activity_id is not None:
        payload["activity_id"] = activity_id
    return client.post("/learn/api/responses", payload, content_type="application/json")


def test_the_api_refuses_another_schools_activity_and_stores_nothing(
    world: World, lw: LearningWorld
) -> None:
    theirs = practice_activity(
        lw, school=world.other_school, status=Status.PUBLISHED, items=lw.items[:1]
    )
    client = client_for(world.student)
    refused = post_answer(client, lw.items[0].pk, theirs.pk)
    assert refused.status_code in (403, 404), refused.content
    assert list(refused.json()["errors"]) == ["activity_id"]
    assert client.get(f"/learn/activities/{theirs.pk}/practice/").status_code in (403, 404)
    assert not Response.objects.exists()


def test_the_api_refuses_another_schools_item_and_stores_nothing(
    world: World, lw: LearningWorld
) -> None:
    item = other_schools_item(world, lw)
    client = client_for(world.student)
    for activity_id in (None, lw.practice.pk):
        refused = post_answer(client, item.pk, activity_id)
        assert refused.status_code in (403, 404), refused.content
        assert list(refused.json()["errors"]) == ["item_id"]
    assert not Response.objects.exists()


def test_an_unpublished_activity_is_refused_by_the_page_and_the_api(
    world: World, lw: LearningWorld
) -> None:
    draft = practice_activity(lw, school=world.school, status=Status.DRAFT, items=lw.items[:1])
    client = client_for(world.student)
    assert client.get(f"/learn/activities/{draft.pk}/practice/").status_code == 404
    assert post_answer(client, lw.items[0].pk, draft.pk).status_code == 404
    assert not Response.objects.exists()


def test_a_student_not_in_the_frameworks_class_is_refused_by_the_page_and_the_api(
    world: World, lw: LearningWorld
) -> None:
    client = client_for(world.other_student)  # same school, a class without the framework
    assert client.get(f"/learn/activities/{lw.practice.pk}/practice/").status_code == 403
    refused = post_answer(client, lw.items[0].pk, lw.practice.pk)
    assert refused.status_code == 403 and list(refused.json()["errors"]) == ["activity_id"]
    assert not Response.objects.exists()


def test_the_page_and_the_api_accept_the_same_answer(world: World, lw: LearningWorld) -> None:
    own = practice_activity(lw, school=world.school, status=Status.PUBLISHED, items=lw.items[:2])
    client = client_for(world.student)
    assert client.get(f"/learn/activities/{own.pk}/practice/").status_code == 200
    stored = post_answer(client, lw.items[1].pk, own.pk)
    assert stored.status_code == 201, stored.content
    assert Response.objects.get().activity_id == own.pk
