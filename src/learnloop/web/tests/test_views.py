"""Role-aware home pages, friendly errors and the health check."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.test import Client

from learnloop.schools.services import enroll_student, ensure_user
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "heading", "shows"),
    [
        ("student", "My learning", "Math A"),
        ("teacher", "My classes", "Math A"),
        ("guardian", "My children", "Sam Student"),
        ("admin", "School overview", "Math B"),
    ],
)
def test_home_by_role(world: World, role: str, heading: str, shows: str) -> None:
    body = signed_in(world.user(role)).get("/").content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert shows in body


def test_guardian_home_lists_only_their_children(world: World) -> None:
    body = signed_in(world.guardian).get("/").content.decode()
    assert "Olga" not in body


def test_home_redirects_anonymous_to_sign_in(db: None) -> None:
    response = Client().get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_unknown_url_gets_a_friendly_404(world: World) -> None:
    response = signed_in(world.student).get("/no/such/page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_server_error_shows_no_stack_trace(world: World) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.teacher)
    with mock.patch(
        "learnloop.web.views.classrooms_for_teacher", side_effect=RuntimeError("secret detail")
    ):
        response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in body and "secret detail" not in body


def test_healthz(db: None) -> None:
    assert Client().get("/healthz").json() == {"status": "ok"}


def test_teacher_home_query_count_does_not_grow_with_classes(
    world: World, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(world.teacher)
    client.get("/")
    for index in range(8):
        student = ensure_user(
            username=f"extra{index}",
            role="student",
            first_name="Extra",
            last_name=str(index),
            school=world.school,
        )
        enroll_student(classroom=world.classroom, student=student)
    with django_assert_max_num_queries(10):  # 6 for the page, 4 for the goals inbox
        client.get("/")


def test_classroom_page_lists_roster(world: World) -> None:
    body = signed_in(world.teacher).get(f"/classes/{world.classroom.pk}/").content.decode()
    assert "Sam Student" in body and "Olga" not in body
