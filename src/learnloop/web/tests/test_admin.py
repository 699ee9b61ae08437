"""Django admin for school admins: their own school only, no privilege escalation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.schools.models import Classroom, School
from learnloop.schools.services import ensure_term, ensure_user
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


def _other_school_people(world: World) -> dict[str, Any]:
    """A term, a teacher, a student and a guardian of the other school."""
    term = ensure_term(
        school=world.other_school,
        name="Other 2026",
        starts_on=dt.date(2026, 8, 1),
        ends_on=dt.date(2027, 6, 30),
    )
    people = {
        role: ensure_user(
            username=f"far_{role}", role=role, first_name="Far", last_name=role.title(),
            school=world.other_school,
        )
        for role in (Role.TEACHER, Role.STUDENT, Role.GUARDIAN)
    }  # fmt: skip
    return {"term": term, **people}


def _classroom_post(school: Any, term: Any, teachers: list[Any], **extra: Any) -> dict[str, Any]:
    return {
        "school": school.pk,
        "term": term.pk,
        "name": "Sneaky class",
        "subject": "",
        "grade_level": "",
        "teachers": [t.pk for t in teachers],
        "enrollments-TOTAL_FORMS": "0",
        "enrollments-INITIAL_FORMS": "0",
        **extra,
    }


def test_a_school_admin_cannot_link_a_guardian_to_another_schools_student(world: World) -> None:
    far = _other_school_people(world)
    client = admin_client(world)
    url = "/admin/accounts/guardianlink/add/"
    assert client.get(url).status_code == 200
    foreign_student = {"guardian": world.guardian.pk, "student": far[Role.STUDENT].pk}
    foreign_guardian = {"guardian": far[Role.GUARDIAN].pk, "student": world.student.pk}
    for data in (foreign_student, foreign_guardian):
        refused = client.post(url, {**data, "relationship": "aunt"})
        assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert not GuardianLink.objects.filter(relationship="aunt").exists()
    kept = client.post(url, {"guardian": world.guardian.pk, "student": world.other_student.pk})
    assert kept.status_code == 302
    assert GuardianLink.objects.filter(guardian=world.guardian, student=world.other_student)


def test_a_school_admin_cannot_make_a_class_with_another_schools_term_or_teacher(
    world: World,
) -> None:
    far = _other_school_people(world)
    client = admin_client(world)
    form = client.get("/admin/schools/classroom/add/").content.decode()
    assert "Other 2026" not in form and "far_teacher" not in form and "Far Teacher" not in form
    assert "Other School" not in form and "Tina" in form
    term = world.classroom.term
    for data in (
        _classroom_post(world.school, far["term"], [world.teacher]),
        _classroom_post(world.school, term, [far[Role.TEACHER]]),
        _classroom_post(world.other_school, term, [world.teacher]),
        _classroom_post(world.school, term, [world.student]),  # not a teacher
    ):
        refused = client.post("/admin/schools/classroom/add/", data)
        assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert not Classroom.objects.filter(name="Sneaky class").exists()
    made = client.post(
        "/admin/schools/classroom/add/", _classroom_post(world.school, term, [world.teacher])
    )
    assert made.status_code == 302
    assert Classroom.objects.get(name="Sneaky class").school == world.school


def test_a_school_admin_cannot_enrol_another_schools_student(world: World) -> None:
    far = _other_school_people(world)
    url = f"/admin/schools/classroom/{world.classroom.pk}/change/"
    data = _classroom_post(world.school, world.classroom.term, [world.teacher], name="Math A")
    data |= {"enrollments-TOTAL_FORMS": "1", "enrollments-0-student": far[Role.STUDENT].pk}
    refused = admin_client(world).post(url, data)
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert not world.classroom.enrollments.filter(student=far[Role.STUDENT]).exists()


def test_a_superuser_cannot_mix_schools_in_one_class_either(world: World) -> None:
    far = _other_school_people(world)
    root = User.objects.create_superuser("root", "root@example.org", "pw-for-root-only")
    client = Client()
    client.force_login(root)
    data = _classroom_post(world.school, far["term"], [far[Role.TEACHER]])
    refused = client.post("/admin/schools/classroom/add/", data)
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "Choose a term of this class" in body and "Choose teachers of this class" in body
    assert not Classroom.objects.filter(name="Sneaky class").exists()


def test_a_school_admin_adds_people_only_to_their_own_school(world: World) -> None:
    _other_school_people(world)
    client = admin_client(world)
    form = client.get("/admin/accounts/user/add/").content.decode()
    assert "Test School" in form and "Other School" not in form
    data = {
        "username": "new_guardian",
        "password1": "a-long-enough-passphrase-7",
        "password2": "a-long-enough-passphrase-7",
        "usable_password": "true",
        "role": Role.GUARDIAN,
        "first_name": "New",
        "last_name": "Guardian",
    }
    for school in ("", world.other_school.pk):
        refused = client.post("/admin/accounts/user/add/", {**data, "school": school})
        assert refused.status_code == 200
    assert not User.objects.filter(username="new_guardian").exists()
    made = client.post("/admin/accounts/user/add/", {**data, "school": world.school.pk})
    assert made.status_code == 302, made.content.decode()[:2000]
    assert User.objects.get(username="new_guardian").school == world.school


def test_lists_and_filters_name_no_other_school(world: World) -> None:
    _other_school_people(world)
    client = admin_client(world)
    for url in (
        "/admin/accounts/user/",
        "/admin/accounts/guardianlink/",
        "/admin/schools/classroom/",
        "/admin/schools/term/",
        "/admin/schools/school/",
    ):
        body = client.get(url).content.decode()
        assert "Other School" not in body and "far_" not in body and "Other 2026" not in body, url


def test_a_school_admin_cannot_add_a_school(world: World) -> None:
    client = admin_client(world)
    assert client.get("/admin/schools/school/add/").status_code == 403
    refused = client.post("/admin/schools/school/add/", {"name": "Mine", "slug": "mine"})
    assert refused.status_code == 403 and not School.objects.filter(slug="mine").exists()


def test_a_school_admin_cannot_reach_a_superusers_account(world: World) -> None:
    root = User.objects.create_superuser("root", "root@example.org", "pw-for-root-only")
    User.objects.filter(pk=root.pk).update(school=world.school)
    client = admin_client(world)
    assert "root@example.org" not in client.get("/admin/accounts/user/").content.decode()
    opened = client.get(f"/admin/accounts/user/{root.pk}/password/")
    assert opened.status_code in (302, 404)
    changed = client.post(
        f"/admin/accounts/user/{root.pk}/password/",
        {"password1": "taken-over-now-99", "password2": "taken-over-now-99"},
    )
    assert changed.status_code in (302, 404)
    root.refresh_from_db()
    assert root.check_password("pw-for-root-only")
