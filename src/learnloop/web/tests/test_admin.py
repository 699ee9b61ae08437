"""Django admin for school admins: their own school only, no privilege escalation."""

from __future__ import annotations

import pytest
from django.test import Client

from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def admin_client(world: World, who: str = "admin") -> Client:
    client = Client()
    client.force_login(getattr(world, who))
    return client


def test_school_admin_sees_only_their_school_people(world: World) -> None:
    body = admin_client(world).get("/admin/accounts/user/").content.decode()
    assert "sam_student" in body
    assert "fred_admin" not in body


def test_foreign_admin_cannot_open_another_schools_student(world: World) -> None:
    response = admin_client(world, "foreign_admin").get(
        f"/admin/accounts/user/{world.student.pk}/change/"
    )
    assert response.status_code in (302, 404)
    assert "sam_student" not in response.content.decode()


def test_school_admin_cannot_grant_superuser(world: World) -> None:
    body = admin_client(world).get(f"/admin/accounts/user/{world.student.pk}/change/")
    html = body.content.decode()
    assert 'name="is_superuser"' not in html
    assert 'name="role"' in html


def test_school_admin_school_choices_are_their_own(world: World) -> None:
    html = admin_client(world).get("/admin/schools/term/add/").content.decode()
    assert "Test School" in html and "Other School" not in html
