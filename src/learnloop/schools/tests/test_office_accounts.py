"""The office deactivates and reactivates people of its school: sign-in stops, nothing
is deleted, each change is audited; other schools' people are out of reach."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import Role, User
from learnloop.schools.models import RosterChange
from learnloop.schools.services import ensure_user
from learnloop.standards.models import Framework
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def post(world: World, who: str, person: User, active: str) -> int:
    client = Client()
    client.force_login(getattr(world, who))
    url = reverse("schools_office_person_active", args=[person.pk])
    return client.post(url, {"active": active}).status_code


def test_the_office_deactivates_and_reactivates_a_teacher(world: World) -> None:
    assert post(world, "admin", world.other_teacher, "0") == 302
    world.other_teacher.refresh_from_db()
    assert not world.other_teacher.is_active
    assert world.other_classroom.teachers.filter(pk=world.other_teacher.pk).exists()
    listed = Client()
    listed.force_login(world.admin)
    page = listed.get(reverse("schools_office_people") + "?role=teacher").content.decode()
    assert "Reactivate" in page
    assert post(world, "admin", world.other_teacher, "1") == 302
    world.other_teacher.refresh_from_db()
    assert world.other_teacher.is_active
    actions = list(
        RosterChange.objects.filter(person=world.other_teacher).values_list("action", flat=True)
    )
    assert actions == [RosterChange.Action.REACTIVATED, RosterChange.Action.DEACTIVATED]


def test_bad_input_and_other_schools_are_refused(world: World) -> None:
    assert post(world, "admin", world.student, "maybe") == 400
    assert post(world, "foreign_admin", world.student, "0") == 404
    assert post(world, "teacher", world.student, "0") == 403
    assert post(world, "admin", world.admin, "0") == 404  # not a teacher, student or guardian
    elsewhere = ensure_user(
        username="g_elsewhere", role=Role.GUARDIAN, first_name="G", last_name="E", school=None
    )
    assert post(world, "admin", elsewhere, "0") == 404
    assert User.objects.filter(is_active=False).count() == 0


def test_the_office_sets_who_teaches_a_class_audited(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    url = reverse("schools_office_class_teachers", args=[world.classroom.pk])
    assert client.post(url, {"teachers": [world.other_teacher.pk]}).status_code == 302
    assert list(world.classroom.teachers.all()) == [world.other_teacher]
    changes = set(
        RosterChange.objects.filter(classroom=world.classroom).values_list("person", "action")
    )
    assert changes == {
        (world.other_teacher.pk, RosterChange.Action.TEACHER_ADDED),
        (world.teacher.pk, RosterChange.Action.TEACHER_REMOVED),
    }
    foreign = ensure_user(
        username="t_elsewhere", role=Role.TEACHER, first_name="T", last_name="E",
        school=world.other_school,
    )  # fmt: skip
    refused = client.post(url, {"teachers": [foreign.pk]})
    assert refused.status_code == 400 and "teachers" in refused.content.decode()
    assert client.post(url, {"teachers": ["x"]}).status_code == 400
    assert client.post(url, {"teachers": [world.student.pk]}).status_code == 400
    assert list(world.classroom.teachers.all()) == [world.other_teacher]
    other = Client()
    other.force_login(world.foreign_admin)
    assert other.post(url, {"teachers": []}).status_code == 403
    page = client.get(reverse("schools_office_enrol", args=[world.classroom.pk]))
    assert "Save teachers" in page.content.decode()


def test_the_office_chooses_the_standards_a_class_follows(world: World) -> None:
    framework = Framework.objects.create(identifier="case-1", title="Imported from CASE")
    client = Client()
    client.force_login(world.admin)
    page = client.get(reverse("schools_office_enrol", args=[world.classroom.pk]))
    assert "Imported from CASE" in page.content.decode()
    url = reverse("schools_office_class_frameworks", args=[world.classroom.pk])
    before = set(world.classroom.frameworks.all())
    assert client.post(url, {"frameworks": [framework.pk]}).status_code == 302
    assert list(world.classroom.frameworks.all()) == [framework]
    assert client.post(url, {"frameworks": ["x"]}).status_code == 400
    assert list(world.classroom.frameworks.all()) == [framework]
    other = Client()
    other.force_login(world.foreign_admin)
    assert other.post(url, {"frameworks": []}).status_code == 403
    teacher = Client()
    teacher.force_login(world.teacher)
    assert teacher.post(url, {"frameworks": []}).status_code == 403
    assert client.post(url, {"frameworks": [p.pk for p in before]}).status_code == 302
    assert set(world.classroom.frameworks.all()) == before
