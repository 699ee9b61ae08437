"""Sign-in throttling (django-axes) on the site's sign-in page and the admin's."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from learnloop.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db

LIMIT = 5


def fail(client: Client, url: str, username: str, times: int) -> None:
    for _ in range(times):
        response = client.post(url, {"username": username, "password": "wrong-guess"})
        assert response.status_code == 200, "a wrong password before the limit is an error"


def lock_out(client: Client, url: str, username: str) -> None:
    fail(client, url, username, LIMIT - 1)
    response = client.post(url, {"username": username, "password": "wrong-guess"})
    assert response.status_code == 429


def test_five_wrong_passwords_pause_sign_in_with_a_clear_message(world: World) -> None:
    client = Client()
    fail(client, "/accounts/login/", world.teacher.username, LIMIT - 1)
    response = client.post(
        "/accounts/login/", {"username": world.teacher.username, "password": "wrong-guess"}
    )
    assert response.status_code == 429
    body = response.content.decode()
    assert "Sign-in paused for 15 minutes" in body
    assert world.teacher.username in body and "5 wrong passwords" in body
    # Even the right password is refused during the pause, and no session is made.
    response = client.post(
        "/accounts/login/", {"username": world.teacher.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_the_pause_is_for_that_username_from_that_address_only(world: World) -> None:
    lock_out(Client(), "/accounts/login/", world.teacher.username)
    same_room = Client()
    response = same_room.post(
        "/accounts/login/", {"username": world.student.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "a classmate at the same address still signs in"
    elsewhere = Client(REMOTE_ADDR="10.9.8.7")
    response = elsewhere.post(
        "/accounts/login/", {"username": world.teacher.username, "password": PASSWORD}
    )
    assert response.status_code == 302, "the teacher can still sign in from another computer"


def test_a_success_before_the_limit_clears_the_count(world: World) -> None:
    client = Client()
    fail(client, "/accounts/login/", world.teacher.username, LIMIT - 1)
    ok = client.post("/accounts/login/", {"username": world.teacher.username, "password": PASSWORD})
    assert ok.status_code == 302
    client.post("/accounts/logout/")
    fail(client, "/accounts/login/", world.teacher.username, LIMIT - 1)
    ok = client.post("/accounts/login/", {"username": world.teacher.username, "password": PASSWORD})
    assert ok.status_code == 302


def test_the_admin_sign_in_is_throttled_too(world: World) -> None:
    client = Client()
    for _ in range(LIMIT - 1):
        response = client.post(
            "/admin/login/", {"username": world.admin.username, "password": "wrong-guess"}
        )
        assert response.status_code == 200
    response = client.post(
        "/admin/login/", {"username": world.admin.username, "password": "wrong-guess"}
    )
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    response = client.post(
        "/admin/login/", {"username": world.admin.username, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_failures_at_the_site_and_the_admin_add_up(world: World) -> None:
    client = Client()
    fail(client, "/accounts/login/", world.admin.username, LIMIT - 1)
    response = client.post(
        "/admin/login/", {"username": world.admin.username, "password": "wrong-guess"}
    )
    assert response.status_code == 429


@override_settings(LEARNLOOP_PROXY_COUNT=1)
def test_behind_one_proxy_the_forwarded_address_is_the_client(world: World) -> None:
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    lock_out(
        Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.5"),
        "/accounts/login/",
        world.teacher.username,
    )
    other_client = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.77")
    response = other_client.post(
        "/accounts/login/", {"username": world.teacher.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    # A client cannot dodge the pause by writing its own X-Forwarded-For entry first.
    spoofer = Client(**proxy, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    response = spoofer.post(
        "/accounts/login/", {"username": world.teacher.username, "password": PASSWORD}
    )
    assert response.status_code == 429


@override_settings(LEARNLOOP_PROXY_COUNT=1)
def test_a_forwarded_value_that_is_not_an_address_falls_back_to_the_peer(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    lock_out(client, "/accounts/login/", world.teacher.username)
