"""An address that only takes a form, opened in a browser: a page that says so, not a
blank 405 (web.middleware.FormOnlyAddressMiddleware)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"


def test_a_browser_gets_a_page_that_leads_home(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    url = reverse("schools_office_class_frameworks", args=[world.classroom.pk])
    response = client.get(url, HTTP_ACCEPT=HTML)
    assert response.status_code == 405 and response["Allow"] == "POST"
    page = response.content.decode()
    assert "<h1>Nothing to show here</h1>" in page and "This address saves a form" in page
    assert f'href="{reverse("home")}"' in page
    assert "no-store" in response["Cache-Control"]  # signed in: never cached


def test_in_spanish_too(world: World) -> None:
    world.student.language = "es"
    world.student.save(update_fields=["language"])
    client = Client()
    client.force_login(world.student)
    response = client.get(reverse("goals_help"), HTTP_ACCEPT=HTML)
    assert response.status_code == 405
    assert "Esta dirección guarda un formulario" in response.content.decode()


def test_json_clients_and_other_methods_keep_the_bare_405(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    url = reverse("schools_office_class_frameworks", args=[world.classroom.pk])
    for response in (
        client.get(url, HTTP_ACCEPT="application/json"),
        client.put(url, HTTP_ACCEPT=HTML),
    ):
        assert response.status_code == 405 and response.content == b""
