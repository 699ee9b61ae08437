"""The Django admin is for superusers only; school admins use the office pages.

Should a model admin ever be reached by a non-superuser, its rows and choices are still
scoped to their school (`web.admin_scoping`): the last tests check that second wall
directly, without the site's door.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client, RequestFactory

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.schools.models import Classroom, Term
from learnloop.testing.world import World, other_school_people

pytestmark = pytest.mark.django_db


def admin_client(world: World, who: str = "admin") -> Client:
    client = Client()
    client.force_login(getattr(world, who))
    return client


ADMIN_URLS = (
    "/admin/",
    "/admin/accounts/user/",
    "/admin/accounts/guardianlink/add/",
    "/admin/schools/term/",
    "/admin/schools/classroom/add/",
)


@pytest.mark.parametrize("who", ["admin", "foreign_admin", "teacher", "student", "guardian"])
def test_everyone_but_a_superuser_is_sent_to_the_admins_sign_in(world: World, who: str) -> None:
    client = admin_client(world, who)
    for url in ADMIN_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
    sign_in = client.get("/admin/login/").content.decode()
    assert "not authorized to access this page" in sign_in


def test_a_school_admin_cannot_write_through_the_admin(world: World) -> None:
    client = admin_client(world)
    posted = client.post(
        "/admin/accounts/guardianlink/add/",
        {"guardian": world.guardian.pk, "student": world.other_student.pk},
    )
    assert posted.status_code == 302 and posted["Location"].startswith("/admin/login/")
    assert not GuardianLink.objects.filter(guardian=world.guardian, student=world.other_student)


def test_a_superuser_uses_the_admin_across_schools(world: World) -> None:
    far = other_school_people(world)
    root = User.objects.create_superuser("root", "root@example.org", "pw-for-root-only")
    client = Client()
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
    terms = client.get("/admin/schools/term/").content.decode()
    assert far["term"].name in terms and "2026" in terms
    assert client.get("/admin/schools/school/add/").status_code == 200


def test_no_page_links_a_school_admin_to_the_django_admin(world: World) -> None:
    client = admin_client(world)
    for url in ("/", "/school/people/", "/school/terms/", "/school/classes/", "/school/links/"):
        body = client.get(url).content.decode()
        assert 'href="/admin/' not in body, url
    assert 'href="/school/terms/"' in client.get("/").content.decode()


def _scoped_request(world: World, who: str = "admin") -> Any:
    request = RequestFactory().get("/")
    request.user = getattr(world, who)
    return request


def test_behind_the_door_a_model_admin_still_lists_only_the_admins_school(world: World) -> None:
    other_school_people(world)
    rows = admin.site._registry[Term].get_queryset(_scoped_request(world))
    assert {term.school_id for term in rows} == {world.school.pk}
    people = admin.site._registry[User].get_queryset(_scoped_request(world))
    assert "far_student" not in {person.username for person in people}


def test_behind_the_door_a_school_admin_has_no_model_permission(world: World) -> None:
    model_admin = admin.site._registry[Term]
    assert not model_admin.has_view_permission(_scoped_request(world))
    assert not model_admin.has_add_permission(_scoped_request(world))


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


def test_a_superuser_cannot_mix_schools_in_one_class_either(world: World) -> None:
    far = other_school_people(world)
    root = User.objects.create_superuser("root", "root@example.org", "pw-for-root-only")
    client = Client()
    client.force_login(root)
    data = _classroom_post(world.school, far["term"], [far[Role.TEACHER]])
    refused = client.post("/admin/schools/classroom/add/", data)
    body = refused.content.decode()
    assert refused.status_code == 200
    assert "Choose a term of this class" in body and "Choose teachers of this class" in body
    assert not Classroom.objects.filter(name="Sneaky class").exists()
