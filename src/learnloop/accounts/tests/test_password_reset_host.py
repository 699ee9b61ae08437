"""Password-reset links carry the configured site address, never the request's Host."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from learnloop.accounts.site import site_address
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


@override_settings(
    SITE_URL="https://learn.school.example", ALLOWED_HOSTS=["learn.school.example", "evil.example"]
)
def test_a_forged_host_header_does_not_reach_the_link(world: World) -> None:
    Client().post(
        "/accounts/password/reset/",
        {"email": world.teacher.email},
        HTTP_HOST="evil.example",
    )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "https://learn.school.example/accounts/reset/" in body
    assert "evil.example" not in body


@override_settings(SITE_URL="https://learn.school.example", ALLOWED_HOSTS=["learn.school.example"])
def test_a_host_that_is_not_allowed_is_refused_before_any_mail(world: World) -> None:
    response = Client().post(
        "/accounts/password/reset/", {"email": world.teacher.email}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400
    assert mail.outbox == []


@override_settings(SITE_URL="", ALLOWED_HOSTS=["school-laptop.local", "127.0.0.1"])
def test_without_a_site_url_the_first_allowed_host_is_used(world: World) -> None:
    Client().post(
        "/accounts/password/reset/", {"email": world.teacher.email}, HTTP_HOST="127.0.0.1"
    )
    assert "http://school-laptop.local/accounts/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("url", ["learn.school.example", "ftp://x", "https://"])
def test_a_malformed_site_url_is_a_configuration_error(url: str) -> None:
    with override_settings(SITE_URL=url), pytest.raises(ImproperlyConfigured):
        site_address()


def test_a_site_url_with_a_port_keeps_it() -> None:
    with override_settings(SITE_URL="http://10.0.0.5:8000/"):
        site = site_address()
    assert site.origin == "http://10.0.0.5:8000" and not site.use_https
