"""Sign in, sign out and password reset through the real views."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from learnloop.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_sign_in_lands_on_home_and_sign_out_returns_to_sign_in(world: World) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": world.teacher.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert "My classes" in client.get("/").content.decode()
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert client.get("/").status_code == 302


def test_wrong_password_says_so_without_saying_which(world: World) -> None:
    response = Client().post(
        "/accounts/login/", {"username": world.teacher.username, "password": "nope"}
    )
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_empty_sign_in_names_the_missing_fields(db: None) -> None:
    body = Client().post("/accounts/login/", {}).content.decode()
    assert body.count("This field is required.") == 2


def test_password_reset_round_trip(world: World) -> None:
    client = Client()
    client.post("/accounts/password/reset/", {"email": world.teacher.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_url = client.get(link.group(1)).url  # Django swaps the token into the session
    response = client.post(
        form_url, {"new_password1": "a-new-long-pass-42", "new_password2": "a-new-long-pass-42"}
    )
    assert response.status_code == 302
    response = Client().post(
        "/accounts/login/",
        {"username": world.teacher.username, "password": "a-new-long-pass-42"},
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_password_reset_for_unknown_email_sends_nothing(db: None) -> None:
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
