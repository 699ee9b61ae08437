"""A form refused for its security token (CSRF_FAILURE_VIEW): the sign-in page asks
again with a word, any other form gets a page that says what to do, a JSON client JSON;
nothing is saved either way."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.goals.models import HelpRequest
from learnloop.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_an_expired_sign_in_page_is_shown_again_with_a_word(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    url = reverse("login") + "?next=/goals/"
    response = client.post(url, {"username": world.student.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url)
    assert "That sign-in page had expired. Sign in again." in page.content.decode()
    assert "_auth_user_id" not in client.session  # not signed in by the refused form


def test_the_sign_in_form_keeps_where_the_person_was_going_and_nowhere_else(
    world: World,
) -> None:
    """The form sends `next` in its body (registration/login.html); a foreign one is dropped."""
    client = Client(enforce_csrf_checks=True)
    login = reverse("login")
    sent_and_kept = [
        ("/goals/", login + "?next=/goals/"),
        ("https://evil.example/", login),
        ("//evil.example/", login),  # no scheme, another host
        ("/\\evil.example/", login),  # a backslash some browsers read as a slash
        ("/goals/\u202e", login + "?next=/goals/%E2%80%AE"),  # odd Unicode, kept quoted
    ]
    for sent, kept in sent_and_kept:
        response = client.post(login, {"username": "x", "password": "y", "next": sent})
        assert response.status_code == 302 and response["Location"] == kept


def test_another_form_says_nothing_was_saved(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.student)
    response = client.post(reverse("goals_help"), {"message": "help"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Form expired</h1>" in page and "nothing was saved" in page
    assert "CSRF verification failed" not in page
    assert not HelpRequest.objects.exists()


def test_a_json_client_gets_json(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.student)
    response = client.post(reverse("goals_help"), {}, HTTP_ACCEPT="application/json")
    assert response.status_code == 403 and "csrf" in response.json()["errors"]


def test_a_client_that_sent_json_gets_json_whatever_it_accepts(world: World) -> None:
    """The same rule as the middleware's refusals (web.errors.wants_json)."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.student)
    response = client.post(reverse("goals_help"), {}, content_type="application/json")
    assert response.status_code == 403 and "csrf" in response.json()["errors"]
