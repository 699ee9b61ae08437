"""The office's xAPI pages: settings, the outbox, retry and discard of dead letters."""

from __future__ import annotations

import pytest
from django.test import Client

from learnloop.testing.world import World
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus
from learnloop.xapi.tests.url_access import dead_letter

pytestmark = pytest.mark.django_db

SETTINGS = {
    "enabled": "on",
    "endpoint": "https://lrs.example.org/xapi/",
    "key_env": "SCHOOL_LRS_KEY",
    "secret_env": "SCHOOL_LRS_SECRET",
    "version": "2.0.0",
    "actor_kind": "account",
    "home_page": "https://test-school.example.org",
}


def signed_in(world: World) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


def test_the_admin_saves_the_lrs_settings(world: World) -> None:
    client = signed_in(world)
    page = client.get("/xapi/settings/")
    assert page.status_code == 200 and "Your LRS" in page.content.decode()
    assert client.post("/xapi/settings/", SETTINGS).status_code == 302
    config = LrsConfig.objects.get(school=world.school)
    assert config.enabled and config.version == "2.0.0" and config.key_env == "SCHOOL_LRS_KEY"
    assert client.post("/xapi/settings/", SETTINGS | {"enabled": ""}).status_code == 302
    assert not LrsConfig.objects.get(school=world.school).enabled


@pytest.mark.parametrize(
    ("change", "field_error"),
    [
        ({"key_env": "my secret!"}, "environment variable"),
        ({"endpoint": "ftp://lrs.example.org/"}, "http(s) address"),
        ({"actor_kind": "account", "home_page": ""}, "home page"),
        ({"version": "0.95"}, "Select a valid choice"),
    ],
)
def test_bad_settings_are_refused_by_field(
    world: World, change: dict[str, str], field_error: str
) -> None:
    response = signed_in(world).post("/xapi/settings/", SETTINGS | change)
    assert response.status_code == 400 and field_error in response.content.decode()
    assert not LrsConfig.objects.exists()


def test_the_outbox_shows_dead_letters_to_retry_or_discard(world: World) -> None:
    client = signed_in(world)
    first = dead_letter(world)["statement_id"]
    second = dead_letter(world)["statement_id"]
    page = client.get("/xapi/outbox/").content.decode()
    assert "different statement with this id (409)" in page and str(first) in page
    assert client.post(f"/xapi/outbox/{first}/retry/").status_code == 302
    assert client.post(f"/xapi/outbox/{second}/discard/").status_code == 302
    assert OutboxStatement.objects.get(pk=first).status == OutboxStatus.PENDING
    assert OutboxStatement.objects.get(pk=second).status == OutboxStatus.DISCARDED
    assert client.post(f"/xapi/outbox/{second}/retry/").status_code == 404  # not dead now


def test_another_schools_admin_cannot_touch_a_dead_letter(world: World) -> None:
    row = dead_letter(world)["statement_id"]
    client = Client()
    client.force_login(world.foreign_admin)
    assert client.post(f"/xapi/outbox/{row}/discard/").status_code == 404
    assert OutboxStatement.objects.get(pk=row).status == OutboxStatus.DEAD
