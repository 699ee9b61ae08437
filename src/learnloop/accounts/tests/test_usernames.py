"""A username that looks like an existing one is refused wherever people are created."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from learnloop.accounts.models import Role, User
from learnloop.accounts.usernames import username_skeleton
from learnloop.schools.services import ensure_user
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

CYRILLIC_A = "\u0430"
GREEK_OMICRON = "\u03bf"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("sam", f"s{CYRILLIC_A}m"),
        ("tom", f"t{GREEK_OMICRON}m"),
        ("alice", "ALICE"),
        ("alice", "\uff41lice"),  # fullwidth a
        ("bill", "bi1l"),
        ("paul", "pau\u217c"),  # small roman numeral fifty
    ],
)
def test_lookalikes_share_a_skeleton(one: str, other: str) -> None:
    assert one != other
    assert username_skeleton(one) == username_skeleton(other)


@pytest.mark.parametrize(("one", "other"), [("sam", "sun"), ("ana", "anna"), ("mia", "maya")])
def test_different_names_keep_different_skeletons(one: str, other: str) -> None:
    assert username_skeleton(one) != username_skeleton(other)


def test_the_skeleton_is_stored_on_every_save(world: World) -> None:
    world.student.refresh_from_db()
    assert world.student.username_skeleton == username_skeleton(world.student.username)


def test_the_service_refuses_a_lookalike_and_stores_nothing(world: World) -> None:
    lookalike = world.student.username.replace("a", CYRILLIC_A)
    with pytest.raises(ValidationError) as error:
        ensure_user(
            username=lookalike,
            role=Role.STUDENT,
            first_name="Fake",
            last_name="Sam",
            school=world.school,
        )
    assert "looks the same as an existing one" in str(error.value)
    assert not User.objects.filter(username=lookalike).exists()


def test_the_service_still_updates_the_same_person(world: World) -> None:
    again = ensure_user(
        username=world.student.username,
        role=Role.STUDENT,
        first_name="Sam",
        last_name="Student",
        school=world.school,
    )
    assert again.pk == world.student.pk


def test_create_user_refuses_a_lookalike(world: World) -> None:
    with pytest.raises(ValidationError):
        User.objects.create_user(username=world.teacher.username.upper(), password="x" * 12)


def superuser() -> User:
    """The Django admin is for superusers only (web.admin_site)."""
    return User.objects.create_superuser("root", "root@example.org", "pw-for-root-only")


def test_the_admin_add_form_refuses_a_lookalike(world: World) -> None:
    client = Client()
    client.force_login(superuser())
    lookalike = world.student.username.replace("a", CYRILLIC_A)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": lookalike,
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "usable_password": "true",
            "role": Role.STUDENT,
            "school": world.school.pk,
            "first_name": "Fake",
            "last_name": "Sam",
        },
    )
    assert response.status_code == 200
    assert "looks the same as an existing one" in response.content.decode()
    assert not User.objects.filter(username=lookalike).exists()
    # A name that reads differently is added through the same form.
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "sasha_student",
            "password1": "a-long-pass-phrase-42",
            "password2": "a-long-pass-phrase-42",
            "usable_password": "true",
            "role": Role.STUDENT,
            "school": world.school.pk,
            "first_name": "Sasha",
            "last_name": "Student",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.get(username="sasha_student").username_skeleton


def test_the_admin_change_form_refuses_renaming_to_a_lookalike(world: World) -> None:
    client = Client()
    client.force_login(superuser())
    page = client.get(f"/admin/accounts/user/{world.other_student.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data |= {
        "username": world.student.username.replace("a", CYRILLIC_A),
        "role": Role.STUDENT,
        "school": world.school.pk,
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    data.pop("password", None)
    data.pop("last_login", None)
    response = client.post(f"/admin/accounts/user/{world.other_student.pk}/change/", data)
    assert "looks the same as an existing one" in response.content.decode()
    world.other_student.refresh_from_db()
    assert world.other_student.username == "olga_student"
