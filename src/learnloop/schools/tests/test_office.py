"""The school office's pages: people, classes, enrolment and family links, each scoped
to the admin's school through the form's choices and again in the services."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.schools.models import Classroom, Term
from learnloop.schools.services import (
    OfficeError,
    add_classroom,
    enrol_students,
    ensure_user,
    link_guardian_in_school,
)
from learnloop.testing.world import World, other_school_people

pytestmark = pytest.mark.django_db


def office(world: World, who: str = "admin") -> Client:
    client = Client()
    client.force_login(getattr(world, who))
    return client


def test_the_office_adds_people_of_each_role_to_its_school(world: World) -> None:
    client = office(world)
    url = reverse("schools_office_person_add")
    for role in (Role.TEACHER, Role.STUDENT, Role.GUARDIAN):
        data = {
            "role": role,
            "first_name": "New",
            "last_name": role.title(),
            "username": f"new_{role}",
        }
        made = client.post(url, data)
        assert made.status_code == 302, made.content.decode()
        person = User.objects.get(username=f"new_{role}")
        assert (person.role, person.school_id, person.has_usable_password()) == (
            role, world.school.pk, False,
        )  # fmt: skip
        listed = client.get(made["Location"]).content.decode()
        assert f"new_{role}" in listed
    refused = client.post(
        url, {"role": Role.SCHOOL_ADMIN, "first_name": "A", "last_name": "B", "username": "boss"}
    )
    assert refused.status_code == 400 and not User.objects.filter(username="boss").exists()
    again = client.post(
        url, {"role": "student", "first_name": "A", "last_name": "B", "username": "NEW_STUDENT"}
    )
    assert again.status_code == 400 and "taken" in again.content.decode()
    weak = client.post(
        url,
        {
            "role": "student",
            "first_name": "A",
            "last_name": "B",
            "username": "weak",
            "password": "123",
        },
    )
    assert weak.status_code == 400 and not User.objects.filter(username="weak").exists()


def test_the_people_list_shows_only_the_schools_people(world: World) -> None:
    other_school_people(world)
    client = office(world)
    students = client.get(reverse("schools_office_people"), {"role": "student"}).content.decode()
    assert "sam_student" in students and "far_student" not in students and "Math A" in students
    teachers = client.get(reverse("schools_office_people"), {"role": "teacher"}).content.decode()
    assert "tina_teacher" in teachers and "far_teacher" not in teachers
    guardians = client.get(reverse("schools_office_people"), {"role": "guardian"}).content.decode()
    assert "gina_guardian" in guardians and "far_guardian" not in guardians
    assert "Sam" in guardians  # whom each guardian follows


@pytest.mark.parametrize("size", [2, 12])
def test_the_people_list_reads_a_fixed_number_of_queries(
    world: World, size: int, django_assert_max_num_queries: Any
) -> None:
    for index in range(size):
        ensure_user(
            username=f"kid{index}", role=Role.STUDENT, first_name="Kid", last_name=str(index),
            school=world.school,
        )  # fmt: skip
    client = office(world)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("schools_office_people"), {"role": "student"}).status_code == 200


def test_the_office_creates_a_class_and_enrols_its_students(world: World) -> None:
    client = office(world)
    term = world.classroom.term
    form = client.get(reverse("schools_office_classes")).content.decode()
    assert "Tina" in form and term.name in form
    made = client.post(
        reverse("schools_office_classes"),
        {"name": "Science 1", "term": term.pk, "teachers": [world.teacher.pk]},
    )
    assert made.status_code == 302
    classroom = Classroom.objects.get(name="Science 1")
    assert classroom.school == world.school and list(classroom.teachers.all()) == [world.teacher]
    enrolled = client.post(
        made["Location"], {"students": [world.student.pk, world.other_student.pk]}
    )
    assert enrolled.status_code == 302
    assert set(classroom.enrollments.values_list("student_id", flat=True)) == {
        world.student.pk, world.other_student.pk,
    }  # fmt: skip


def test_a_crafted_post_cannot_reach_another_school(world: World) -> None:
    far = other_school_people(world)
    client = office(world)
    term = world.classroom.term
    for data in (
        {"name": "X", "term": far["term"].pk, "teachers": [world.teacher.pk]},
        {"name": "X", "term": term.pk, "teachers": [far[Role.TEACHER].pk]},
        {"name": "X", "term": term.pk, "teachers": [world.student.pk]},
    ):
        assert client.post(reverse("schools_office_classes"), data).status_code == 400
    assert not Classroom.objects.filter(name="X").exists()
    enrol = reverse("schools_office_enrol", args=[world.classroom.pk])
    assert client.post(enrol, {"students": [far[Role.STUDENT].pk]}).status_code == 400
    assert not world.classroom.enrollments.filter(student=far[Role.STUDENT]).exists()
    links = reverse("schools_office_links")
    for data in (
        {"guardian": world.guardian.pk, "student": far[Role.STUDENT].pk},
        {"guardian": far[Role.GUARDIAN].pk, "student": world.student.pk},
        {"guardian": world.teacher.pk, "student": world.student.pk},
    ):
        assert client.post(links, data).status_code == 400
    assert GuardianLink.objects.count() == 2  # the world's own two


def test_another_schools_office_cannot_open_or_change_this_schools_rows(world: World) -> None:
    client = office(world, "foreign_admin")
    link = GuardianLink.objects.get(guardian=world.guardian)
    assert client.get(reverse("schools_office_enrol", args=[world.classroom.pk])).status_code == 403
    assert client.post(reverse("schools_office_link_remove", args=[link.pk])).status_code == 403
    assert GuardianLink.objects.filter(pk=link.pk).exists()
    for name in ("schools_office_people", "schools_office_links", "schools_office_classes"):
        body = client.get(reverse(name), {"role": "student"}).content.decode()
        assert "sam_student" not in body and "Sam" not in body and "Math A" not in body, name


def test_the_office_links_and_unlinks_a_guardian(world: World) -> None:
    client = office(world)
    made = client.post(
        reverse("schools_office_links"),
        {"guardian": world.guardian.pk, "student": world.other_student.pk, "relationship": "aunt"},
    )
    assert made.status_code == 302
    link = GuardianLink.objects.get(guardian=world.guardian, student=world.other_student)
    assert link.relationship == "aunt"
    assert client.post(reverse("schools_office_link_remove", args=[link.pk])).status_code == 302
    assert not GuardianLink.objects.filter(pk=link.pk).exists()


def test_the_services_refuse_other_schools_rows_whatever_the_form_offered(world: World) -> None:
    far = other_school_people(world)
    with pytest.raises(OfficeError) as caught:
        add_classroom(school=world.school, term=far["term"], name="Y", teachers=[])
    assert caught.value.field == "term"
    term: Term = world.classroom.term
    with pytest.raises(OfficeError):
        add_classroom(school=world.school, term=term, name="Y", teachers=[far[Role.TEACHER]])
    with pytest.raises(OfficeError):
        enrol_students(classroom=world.classroom, students=[far[Role.STUDENT]])
    with pytest.raises(OfficeError):
        link_guardian_in_school(
            school=world.school, guardian=world.guardian, student=far[Role.STUDENT]
        )
    with pytest.raises(OfficeError):
        link_guardian_in_school(
            school=world.school, guardian=far[Role.GUARDIAN], student=world.student
        )
    assert not Classroom.objects.filter(name="Y").exists()


@pytest.mark.parametrize("size", [1, 10])
def test_the_classes_and_links_pages_read_a_fixed_number_of_queries(
    world: World, size: int, django_assert_max_num_queries: Any
) -> None:
    term = world.classroom.term
    for index in range(size):
        kid = ensure_user(
            username=f"kid{index}", role=Role.STUDENT, first_name="Kid", last_name=str(index),
            school=world.school,
        )  # fmt: skip
        link_guardian_in_school(school=world.school, guardian=world.guardian, student=kid)
        add_classroom(
            school=world.school, term=term, name=f"Class {index}", teachers=[world.teacher]
        )
    client = office(world)
    for name in ("schools_office_classes", "schools_office_links"):
        with django_assert_max_num_queries(12):
            assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    ("language", "role", "heading", "button"),
    [
        ("en", "teacher", "Teachers (", "Add a teacher"),
        ("en", "guardian", "Guardians (", "Add a guardian"),
        ("es", "teacher", "Docentes (", "Añadir docente"),
        ("es", "student", "Estudiantes (", "Añadir estudiante"),
        ("es", "guardian", "Familiares (", "Añadir familiar"),
    ],
)
def test_the_people_page_words_each_role_whole(
    world: World, language: str, role: str, heading: str, button: str
) -> None:
    world.admin.language = language
    world.admin.save(update_fields=["language"])
    page = office(world).get(reverse("schools_office_people"), {"role": role}).content.decode()
    assert heading in page and button in page
    assert "Teachers" in page or "Docentes" in page  # the role links, one phrase each
    assert "Teachers</a>" in page or "Docentes</a>" in page
    assert "Guardians" not in page or language == "en"
    assert "Guardians</a>" in page or "Familiares</a>" in page
