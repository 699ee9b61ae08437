"""A class's people, managed by its teacher or the school office: adding students one
at a time or from a pasted list, new passwords and picture codes, moving and removing,
each checked for who may do it and audited."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from learnloop.accounts.credentials import new_password, suggest_username
from learnloop.accounts.models import Role, User
from learnloop.accounts.usernames import username_skeleton
from learnloop.privacy.collect import collect_student_data
from learnloop.privacy.services import delete_student_data
from learnloop.schools import class_people
from learnloop.schools.models import Enrollment, PictureCode, RosterChange
from learnloop.schools.quick_sign_in import set_quick_sign_in
from learnloop.schools.services import OfficeError, ensure_classroom, ensure_user
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

PASSWORD = re.compile(r"[a-z]{4}-[a-z]{4}-\d\d")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def shown_password(html: str) -> str:
    found = PASSWORD.search(html)
    assert found, "no password on the page"
    return found.group(0)


def test_generated_passwords_are_readable_and_differ() -> None:
    passwords = {new_password() for _ in range(50)}
    assert len(passwords) == 50 and all(PASSWORD.fullmatch(p) for p in passwords)


def test_suggested_usernames_are_plain_unique_and_not_confusable(world: World) -> None:
    assert suggest_username("Zoë", "O'Brien-Núñez") == "zoe.obriennunez"
    assert suggest_username("李", "") == "student"
    ensure_user(username="sam.lee", role=Role.STUDENT, first_name="S", last_name="L", school=None)
    assert suggest_username("Sam", "Lee") == "sam.lee2"
    assert suggest_username("Sam", "Lee", taken={username_skeleton("sam.lee2")}) == "sam.lee3"
    ensure_user(username="ann.1ee", role=Role.STUDENT, first_name="A", last_name="L", school=None)
    assert suggest_username("Ann", "Lee") == "ann.lee2"  # "ann.lee" reads as "ann.1ee"


def test_a_teacher_adds_a_new_student_who_can_sign_in_with_the_password_shown_once(
    world: World,
) -> None:
    client = signed_in(world.teacher)
    url = reverse("schools_class_add_new", args=[world.classroom.pk])
    response = client.post(url, {"first_name": "Ada", "last_name": "Byron"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = shown_password(response.content.decode())
    ada = User.objects.get(username="ada.byron")
    assert (ada.role, ada.school_id) == (Role.STUDENT, world.school.pk)
    assert Enrollment.objects.filter(classroom=world.classroom, student=ada).exists()
    assert ada.check_password(password)
    change = RosterChange.objects.get(person=ada)
    assert (change.action, change.actor, change.classroom) == (
        RosterChange.Action.CREATED, world.teacher, world.classroom,
    )  # fmt: skip
    assert (
        password
        not in client.get(
            reverse("schools_class_cards", args=[world.classroom.pk])
        ).content.decode()
    )


def test_adding_refuses_bad_input_naming_the_field(world: World) -> None:
    client = signed_in(world.teacher)
    url = reverse("schools_class_add_new", args=[world.classroom.pk])
    assert client.post(url, {"first_name": ""}).status_code == 400
    taken = client.post(url, {"first_name": "A", "username": world.student.username.upper()})
    assert taken.status_code == 400 and "taken" in taken.content.decode()
    odd = client.post(url, {"first_name": "A", "username": "no spaces!"})
    assert odd.status_code == 400
    lookalike = client.post(url, {"first_name": "A", "username": "s\u0430m_student"})
    assert lookalike.status_code == 400 and "looks the same" in lookalike.content.decode()
    assert not User.objects.filter(first_name="A").exists()


def test_a_teacher_adds_an_existing_student_of_the_school_only(world: World) -> None:
    client = signed_in(world.teacher)
    url = reverse("schools_class_add_existing", args=[world.classroom.pk])
    assert client.post(url, {"existing_username": world.other_student.username}).status_code == 302
    assert world.classroom.students.filter(pk=world.other_student.pk).exists()
    again = client.post(url, {"existing_username": world.other_student.username})
    assert again.status_code == 400 and "already in" in again.content.decode()
    foreign = ensure_user(
        username="far_away", role=Role.STUDENT, first_name="F", last_name="A",
        school=world.other_school,
    )  # fmt: skip
    refused = client.post(url, {"existing_username": foreign.username})
    assert refused.status_code == 400 and "No student of your school" in refused.content.decode()
    assert client.post(url, {"existing_username": world.teacher.username}).status_code == 400


def test_names_are_read_either_way_round_and_errors_name_the_line() -> None:
    names = class_people.parse_names("Ada Lovelace\n\n  Byron,  George Gordon \nCher\n")
    assert [(n.line, n.first_name, n.last_name) for n in names] == [
        (1, "Ada", "Lovelace"), (3, "George Gordon", "Byron"), (4, "Cher", ""),
    ]  # fmt: skip
    with pytest.raises(OfficeError, match="Line 2: one comma"):
        class_people.parse_names("Ada Lovelace\nA, B, C")
    with pytest.raises(OfficeError, match="Line 1: give a first name"):
        class_people.parse_names("Lovelace,")
    with pytest.raises(OfficeError, match="at least one"):
        class_people.parse_names("\n  \n")


def test_invisible_and_direction_flipping_characters_never_reach_a_name(world: World) -> None:
    names = class_people.parse_names(
        "\u200b\n\u202eAda\u202c Love\u2066lace\u2069\n\ufeffزینب\u200cعلی 🧑\u200d🎓\n"
    )
    assert [(n.line, n.first_name, n.last_name) for n in names] == [
        (2, "Ada", "Lovelace"),
        (3, "زینب\u200cعلی", "🧑\u200d🎓"),
    ]  # a line of only a zero-width space is blank; joiners stay
    with pytest.raises(OfficeError, match="at least one"):
        class_people.parse_names("\u200b\u2060\n\u202e")
    client = signed_in(world.teacher)
    url = reverse("schools_class_add_new", args=[world.classroom.pk])
    invisible = client.post(url, {"first_name": "\u200b\u202e", "last_name": "X"})
    assert invisible.status_code == 400 and "first name" in invisible.content.decode()
    client.post(url, {"first_name": "\u202eAda", "last_name": "Byron\u202c"})
    assert User.objects.filter(first_name="Ada", last_name="Byron").exists()


def test_pasting_names_previews_then_adds_all_or_none(world: World) -> None:
    client = signed_in(world.teacher)
    url = reverse("schools_class_paste", args=[world.classroom.pk])
    text = "Ada Lovelace\nLovelace, Ada\nGrace Hopper"
    preview = client.post(url, {"names": text, "action": "preview"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "ada.lovelace" in html and "ada.lovelace2" in html and "grace.hopper" in html
    assert not User.objects.filter(last_name="Lovelace").exists()  # nothing made by a preview
    done = client.post(url, {"names": text, "action": "confirm"})
    assert done.status_code == 200
    made = User.objects.filter(
        enrollments__classroom=world.classroom, first_name__in=["Ada", "Grace"]
    )
    assert made.count() == 3
    assert len(set(PASSWORD.findall(done.content.decode()))) == 3
    assert RosterChange.objects.filter(action=RosterChange.Action.CREATED).count() == 3
    before = User.objects.count()
    bad = client.post(url, {"names": "Alan Turing\nA, B, C", "action": "confirm"})
    assert bad.status_code == 400 and "Line 2" in bad.content.decode()
    assert User.objects.count() == before


def test_a_new_password_replaces_the_old_one_and_is_audited(world: World) -> None:
    client = signed_in(world.teacher)
    url = reverse("schools_class_reset_password", args=[world.classroom.pk, world.student.pk])
    response = client.post(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = shown_password(response.content.decode())
    world.student.refresh_from_db()
    assert world.student.check_password(password)
    assert RosterChange.objects.filter(
        person=world.student, action=RosterChange.Action.PASSWORD_RESET, actor=world.teacher
    ).exists()
    assert client.get(url).status_code == 405
    page = client.get(reverse("schools_class_people", args=[world.classroom.pk])).content.decode()
    assert "Password reset, Sam Student" in page and password not in page


def test_a_new_picture_code_for_one_student(world: World) -> None:
    set_quick_sign_in(classroom=world.classroom, enabled=True)
    code = PictureCode.objects.get(enrollment__student=world.student)
    client = signed_in(world.teacher)
    url = reverse("schools_class_reset_picture_code", args=[world.classroom.pk, world.student.pk])
    for _ in range(5):  # 1 in 729 that one new code equals the old: five tries cannot all
        assert client.post(url).status_code == 302
        if PictureCode.objects.get(pk=code.pk).pictures != code.pictures:
            break
    else:
        pytest.fail("the picture code never changed")
    cards = client.get(reverse("schools_class_cards", args=[world.classroom.pk]))
    assert cards.status_code == 200 and world.student.username in cards.content.decode()


def test_moving_keeps_the_work_and_needs_both_classes(world: World) -> None:
    second = ensure_classroom(
        school=world.school, term=world.classroom.term, name="Math C", teachers=[world.teacher]
    )
    client = signed_in(world.teacher)
    url = reverse("schools_class_move", args=[world.classroom.pk, world.student.pk])
    not_mine = client.post(url, {"to": world.other_classroom.pk})
    assert not_mine.status_code == 400
    assert client.post(url, {"to": "x"}).status_code == 400
    assert client.post(url, {"to": second.pk}).status_code == 302
    assert list(world.student.enrolled_classrooms.all()) == [second]
    with pytest.raises(PermissionDenied):
        class_people.move_student(
            actor=world.other_teacher, classroom=second, student=world.student,
            to=world.other_classroom,
        )  # fmt: skip
    admin_moves = class_people.move_student(
        actor=world.admin, classroom=second, student=world.student, to=world.other_classroom
    )
    assert admin_moves.classroom == world.other_classroom


def test_removing_keeps_the_account_and_is_refused_to_others(world: World) -> None:
    url = reverse("schools_class_remove", args=[world.classroom.pk, world.student.pk])
    assert signed_in(world.other_teacher).post(url).status_code == 403
    assert signed_in(world.foreign_admin).post(url).status_code == 403
    assert signed_in(world.student).post(url).status_code == 403
    asked = signed_in(world.teacher).post(url)
    assert asked.status_code == 200 and "Remove Sam Student from Math A?" in asked.content.decode()
    assert world.classroom.students.filter(pk=world.student.pk).exists()
    assert signed_in(world.teacher).post(url, {"confirm": "yes"}).status_code == 302
    assert User.objects.filter(pk=world.student.pk, is_active=True).exists()
    assert not world.classroom.students.filter(pk=world.student.pk).exists()
    assert signed_in(world.teacher).post(url).status_code == 404  # not in the class now
    other = reverse("schools_class_remove", args=[world.classroom.pk, world.other_student.pk])
    assert signed_in(world.teacher).post(other).status_code == 404


def test_the_audit_of_a_student_goes_with_their_data(world: World) -> None:
    account = class_people.add_new_student(
        actor=world.teacher, classroom=world.classroom, first_name="Ada", last_name="Byron"
    )
    class_people.reset_password(
        actor=world.teacher, classroom=world.classroom, student=account.student
    )
    assert collect_student_data(account.student).counts()["schools.RosterChange"] == 2
    delete_student_data(student=account.student, performed_by=world.admin, confirmation="ada.byron")
    assert not RosterChange.objects.exists()
    assert User.objects.filter(pk=world.teacher.pk).exists()  # the actor stays
