"""The school office hands a person with no password (a roster import) a one-time
sign-in link, no e-mail needed: its own teachers and students only, audited, never
showing a password; the link works once, briefly, and the person chooses a password
that Django's validators accept."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.hashers import get_hasher
from django.contrib.auth.tokens import default_token_generator
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.http import urlsafe_base64_encode

from learnloop.accounts.models import Role, User
from learnloop.schools.models import RosterChange
from learnloop.schools.services import ensure_user
from learnloop.schools.sign_in_links import SIGN_IN_LINK_DETAIL, sign_in_link_tokens
from learnloop.testing.world import World

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("site_url"),
]

SITE = "https://learn.school.example"
NEW_PASSWORD = "lantern-quiet-harbour-7"


@pytest.fixture
def site_url():  # type: ignore[no-untyped-def]
    with override_settings(SITE_URL=SITE, ALLOWED_HOSTS=["testserver", "learn.school.example"]):
        yield


def imported_teacher(world: World) -> User:
    """Like a OneRoster import makes them: no usable password, no e-mail."""
    teacher = ensure_user(
        username="t.imported",
        role=Role.TEACHER,
        first_name="Ima",
        last_name="Ported",
        school=world.school,
    )
    teacher.email = ""
    teacher.set_unusable_password()
    teacher.save()
    return teacher


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_link(world: World, person: User) -> str:
    url = reverse("schools_office_person_sign_in_link", args=[person.pk])
    response = as_user(world.admin).post(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    found = re.search(
        r'id="sign-in-link"[^>]*>(https://[^<]+)</textarea>', response.content.decode()
    )
    assert found is not None
    return found.group(1)


def choose_password(link: str, password: str) -> tuple[Client, int, str]:
    """Open the link as the person would, then post the password twice."""
    client = Client()
    path = urlsplit(link).path
    first = client.get(path)
    assert first.status_code == 302  # the token leaves the address before the form shows
    form_url = first["Location"]
    assert "set-password" in form_url
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    return client, response.status_code, response.content.decode()


def sign_in(username: str, password: str) -> int:
    response = Client().post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.9"
    )
    return response.status_code


def test_an_imported_teacher_gets_in_with_a_link_and_chooses_a_password(world: World) -> None:
    teacher = imported_teacher(world)
    page = as_user(world.admin).get(reverse("schools_office_person", args=[teacher.pk]))
    assert page.status_code == 200
    assert "cannot sign in with a password" in page.content.decode()

    link = make_link(world, teacher)
    assert link.startswith(f"{SITE}/accounts/sign-in-link/")
    change = RosterChange.objects.get(person=teacher)
    assert (change.action, change.actor, change.detail) == (
        RosterChange.Action.PASSWORD_RESET,
        world.admin,
        SIGN_IN_LINK_DETAIL,
    )

    # Django's validators: a common or numeric password is refused, nothing saved.
    _, status, body = choose_password(link, "12345678")
    assert status == 200
    assert "too common" in body or "entirely numeric" in body
    teacher.refresh_from_db()
    assert not teacher.has_usable_password()

    client, status, _ = choose_password(link, NEW_PASSWORD)
    assert status == 302
    signed_in_page = client.get(reverse("login")).content.decode()
    assert "Your password is saved. Sign in now with your username, t.imported" in signed_in_page
    teacher.refresh_from_db()
    # Hashed by the first of PASSWORD_HASHERS (Argon2id outside the tests), never kept plain.
    assert teacher.password.startswith(f"{get_hasher().algorithm}$")
    assert sign_in(teacher.username, NEW_PASSWORD) == 302

    # Once: the link is dead now, and its page says whom to ask.
    dead = Client().get(urlsplit(link).path, follow=True)
    assert "Ask your school office for a new one" in dead.content.decode()


def test_the_link_page_never_shows_a_password(world: World) -> None:
    world.other_teacher.set_password("kept-secret-password-1")
    world.other_teacher.save()
    client = as_user(world.admin)
    url = reverse("schools_office_person_sign_in_link", args=[world.other_teacher.pk])
    body = client.post(url).content.decode()
    assert "kept-secret-password-1" not in body
    assert world.other_teacher.password not in body
    world.other_teacher.refresh_from_db()
    assert world.other_teacher.check_password("kept-secret-password-1")  # not changed


def test_a_newer_link_replaces_the_older(world: World) -> None:
    teacher = imported_teacher(world)
    old = make_link(world, teacher)
    new = make_link(world, teacher)
    assert old != new
    response = Client().get(urlsplit(old).path, follow=True)
    assert "This sign-in link no longer works" in response.content.decode()
    _, status, _ = choose_password(new, NEW_PASSWORD)
    assert status == 302


def test_signing_in_ends_the_link(world: World) -> None:
    world.other_teacher.set_password("kept-secret-password-1")
    world.other_teacher.save()
    link = make_link(world, world.other_teacher)
    assert sign_in(world.other_teacher.username, "kept-secret-password-1") == 302
    response = Client().get(urlsplit(link).path, follow=True)
    assert "This sign-in link no longer works" in response.content.decode()


def test_the_link_expires(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    teacher = imported_teacher(world)
    link = make_link(world, teacher)
    later = dt.datetime.now() + dt.timedelta(hours=24, minutes=1)
    monkeypatch.setattr(sign_in_link_tokens, "_now", lambda: later)
    response = Client().get(urlsplit(link).path, follow=True)
    assert "This sign-in link no longer works" in response.content.decode()


def test_a_deactivated_account_gets_no_link_and_loses_one(world: World) -> None:
    teacher = imported_teacher(world)
    link = make_link(world, teacher)
    teacher.is_active = False
    teacher.save()
    response = Client().get(urlsplit(link).path, follow=True)
    assert "This sign-in link no longer works" in response.content.decode()
    url = reverse("schools_office_person_sign_in_link", args=[teacher.pk])
    refused = as_user(world.admin).post(url)
    assert refused.status_code == 400
    assert RosterChange.objects.filter(person=teacher).count() == 1  # the first link only


def test_e_mailed_reset_tokens_and_link_tokens_do_not_mix(world: World) -> None:
    teacher = imported_teacher(world)
    uid = urlsafe_base64_encode(str(teacher.pk).encode())
    mailed = default_token_generator.make_token(teacher)
    response = Client().get(
        reverse("sign_in_link", kwargs={"uidb64": uid, "token": mailed}), follow=True
    )
    assert "This sign-in link no longer works" in response.content.decode()
    link_token = urlsplit(make_link(world, teacher)).path.rstrip("/").rsplit("/", 1)[1]
    response = Client().get(
        reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": link_token}),
        follow=True,
    )
    assert response.context["validlink"] is False


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("foreign_admin", 404),
        ("teacher", 403),
        ("other_teacher", 403),
        ("student", 403),
        ("guardian", 403),
    ],
)
def test_only_the_persons_own_school_office_may(world: World, who: str, expected: int) -> None:
    client = as_user(getattr(world, who))
    for person in (world.student, world.teacher):
        page = client.get(reverse("schools_office_person", args=[person.pk]))
        link = client.post(reverse("schools_office_person_sign_in_link", args=[person.pk]))
        assert (page.status_code, link.status_code) == (expected, expected)
    assert not RosterChange.objects.exists()


def test_anonymous_is_sent_to_sign_in(world: World) -> None:
    url = reverse("schools_office_person_sign_in_link", args=[world.student.pk])
    response = Client().post(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not RosterChange.objects.exists()


def test_the_office_reaches_only_its_own_teachers_and_students(world: World) -> None:
    client = as_user(world.admin)
    outside = [world.guardian, world.admin, world.foreign_admin]
    outside.append(
        ensure_user(
            username="s_elsewhere",
            role=Role.STUDENT,
            first_name="S",
            last_name="E",
            school=world.other_school,
        )
    )
    for person in outside:
        assert client.get(reverse("schools_office_person", args=[person.pk])).status_code == 404
        url = reverse("schools_office_person_sign_in_link", args=[person.pk])
        assert client.post(url).status_code == 404
    assert client.get(reverse("schools_office_person", args=[999999])).status_code == 404
    assert not RosterChange.objects.exists()
    # The people page links its own teachers and students to their page.
    people = client.get(reverse("schools_office_people") + "?role=teacher").content.decode()
    assert reverse("schools_office_person", args=[world.teacher.pk]) in people
