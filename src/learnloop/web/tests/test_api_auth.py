"""The JSON API refuses in JSON: 401 for no session, 403 for a person who may not answer."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def _answer(world: World) -> dict[str, Any]:
    item = learning_world(world).items[0]
    return {"client_id": str(uuid.uuid4()), "item_id": item.pk, "answer": "3"}


def _post(client: Client, body: Any) -> Any:
    return client.post(reverse("learning_api_responses"), body, content_type="application/json")


@pytest.mark.parametrize("enforce_csrf", [False, True])
def test_an_anonymous_request_gets_401_json_not_a_sign_in_redirect(
    world: World, enforce_csrf: bool
) -> None:
    response = _post(Client(enforce_csrf_checks=enforce_csrf), _answer(world))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == ["session"]
    assert "Location" not in response
    assert response["WWW-Authenticate"].startswith("Cookie")
    assert not Response.objects.exists()


def test_an_anonymous_get_gets_401_too(world: World) -> None:
    response = Client().get(reverse("learning_api_responses"))
    assert response.status_code == 401
    assert response.json()["errors"]["session"]


@pytest.mark.parametrize("role", ["teacher", "guardian", "admin"])
def test_a_signed_in_non_student_gets_403_json(world: World, role: str) -> None:
    client = Client()
    client.force_login(world.user(role))
    response = _post(client, _answer(world))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": {"access": "This page is not for your role."}}
    assert not Response.objects.exists()


def test_a_student_still_answers(world: World) -> None:
    client = Client()
    client.force_login(world.student)
    assert _post(client, _answer(world)).status_code == 201


def test_pages_outside_the_api_still_redirect_to_sign_in(world: World) -> None:
    response = Client().get(reverse("learning_home"))
    assert response.status_code == 302 and "login" in response["Location"]
