"""Quick class sign-in: class, name, three pictures; off unless the teacher turns it on."""

from __future__ import annotations

import pytest
from django.test import Client

from learnloop.schools.models import PictureCode
from learnloop.schools.quick_sign_in import PICTURES, set_quick_sign_in
from learnloop.testing.world import PASSWORD, World

pytestmark = pytest.mark.django_db


def signed_in_as(client: Client, world_user) -> Client:  # type: ignore[no-untyped-def]
    client.force_login(world_user)
    return client


def code_of(world: World) -> list[str]:
    code = PictureCode.objects.get(
        enrollment__classroom=world.classroom, enrollment__student=world.student
    )
    return code.pictures.split("-")


def post_code(client: Client, world: World, pictures: list[str]):  # type: ignore[no-untyped-def]
    url = f"/accounts/class/{world.classroom.pk}/{world.student.pk}/"
    return client.post(url, {f"picture_{n + 1}": p for n, p in enumerate(pictures)})


def wrong(pictures: list[str]) -> list[str]:
    return [*pictures[:2], "1" if pictures[2] != "1" else "2"]


def test_off_by_default_then_the_teacher_turns_it_on_and_a_student_signs_in(world: World) -> None:
    anonymous = Client()
    assert anonymous.get(f"/accounts/class/{world.classroom.pk}/").status_code == 404
    assert world.classroom.name not in anonymous.get("/accounts/class/").content.decode()
    teacher = signed_in_as(Client(), world.teacher)
    url = f"/classes/{world.classroom.pk}/quick-sign-in/"
    assert teacher.post(url, {"action": "enable"}).status_code == 302
    page = teacher.get(url).content.decode()
    pictures = code_of(world)
    assert world.student.name in page and PICTURES[int(pictures[0]) - 1].name in page
    assert world.classroom.name in anonymous.get("/accounts/class/").content.decode()
    names = anonymous.get(f"/accounts/class/{world.classroom.pk}/").content.decode()
    assert world.student.first_name in names and world.other_student.first_name not in names
    response = post_code(anonymous, world, pictures)
    assert response.status_code == 302 and response["Location"] == "/"
    assert int(anonymous.session["_auth_user_id"]) == world.student.pk


def test_wrong_pictures_say_so_and_five_pause_the_student(world: World) -> None:
    set_quick_sign_in(classroom=world.classroom, enabled=True)
    pictures = code_of(world)
    client = Client()
    for _ in range(4):
        response = post_code(client, world, wrong(pictures))
        assert response.status_code == 200 and "do not match" in response.content.decode()
        assert "_auth_user_id" not in client.session
    assert post_code(client, world, wrong(pictures)).status_code == 429
    assert post_code(client, world, pictures).status_code == 429  # paused, even when right
    assert "_auth_user_id" not in client.session


def test_missing_or_odd_pictures_are_a_400_naming_which(world: World) -> None:
    set_quick_sign_in(classroom=world.classroom, enabled=True)
    client = Client()
    response = post_code(client, world, ["1", "10"])
    assert response.status_code == 400 and "second picture" in response.content.decode()
    response = post_code(client, world, ["x", "1", "1"])
    assert response.status_code == 400 and "first picture" in response.content.decode()
    response = post_code(client, world, ["1", "1", "①"])  # a digit to str.isdigit, not to int
    assert response.status_code == 400 and "third picture" in response.content.decode()


def test_turned_off_or_another_class_refuses_even_the_right_code(world: World) -> None:
    set_quick_sign_in(classroom=world.classroom, enabled=True)
    pictures = code_of(world)
    set_quick_sign_in(classroom=world.classroom, enabled=False)
    assert post_code(Client(), world, pictures).status_code == 404
    set_quick_sign_in(classroom=world.other_classroom, enabled=True)
    url = f"/accounts/class/{world.other_classroom.pk}/{world.student.pk}/"
    assert Client().post(url, {"picture_1": "1"}).status_code == 404  # not in that class


def test_only_the_class_teacher_manages_it_and_new_pictures_replace_old(world: World) -> None:
    url = f"/classes/{world.classroom.pk}/quick-sign-in/"
    other = signed_in_as(Client(), world.other_teacher)
    assert other.post(url, {"action": "enable"}).status_code == 403
    assert not PictureCode.objects.exists()
    teacher = signed_in_as(Client(), world.teacher)
    assert teacher.post(url, {"action": "nonsense"}).status_code == 400
    teacher.post(url, {"action": "enable"})
    before = set(PictureCode.objects.values_list("pk", flat=True))
    teacher.post(url, {"action": "renew"})
    assert before.isdisjoint(PictureCode.objects.values_list("pk", flat=True))
    assert PictureCode.objects.count() == world.classroom.students.count()


def test_a_student_who_joins_later_gets_pictures_from_the_teacher(world: World) -> None:
    from learnloop.schools.services import enroll_student

    set_quick_sign_in(classroom=world.classroom, enabled=True)
    enroll_student(classroom=world.classroom, student=world.other_student)
    teacher = signed_in_as(Client(), world.teacher)
    url = f"/classes/{world.classroom.pk}/quick-sign-in/"
    assert "the 1 student who joined since" in teacher.get(url).content.decode()
    teacher.post(url, {"action": "enable"})
    assert PictureCode.objects.filter(enrollment__student=world.other_student).exists()
    assert "joined since" not in teacher.get(url).content.decode()


def test_the_class_page_says_what_the_device_holds_and_offers_the_teacher_a_sign_in(
    world: World,
) -> None:
    """The picture sign-in pages of a class carry the device line (filled in the browser
    from the class-pack database) and a teacher's sign-in link that comes back to the
    class dashboard's "keep on this device" box; the class page remembers the class."""
    from urllib.parse import unquote

    set_quick_sign_in(classroom=world.classroom, enabled=True)
    client = Client()
    response = client.get(f"/accounts/class/{world.classroom.pk}/")
    page = response.content.decode()
    assert f'data-quick-device="{world.classroom.pk}"' in page
    assert "This device does not hold your class's practice yet." in page
    assert "schools/quick_device" in page
    dashboard = f"/teaching/classes/{world.classroom.pk}/#class-device"
    link = f"/accounts/login/?next={dashboard.replace('/', '%2F').replace('#', '%23')}"
    assert link in page
    assert response.cookies["learnloop_quick_class"].value == str(world.classroom.pk)
    assert response.cookies["learnloop_quick_class"]["httponly"]
    pictures = client.get(f"/accounts/class/{world.classroom.pk}/{world.student.pk}/")
    assert f'data-quick-device="{world.classroom.pk}"' in pictures.content.decode()

    # The teacher signs in through that link and lands on the box.
    response = client.post(
        "/accounts/login/",
        {"username": world.teacher.username, "password": PASSWORD, "next": unquote(dashboard)},
    )
    assert response.status_code == 302 and response["Location"] == unquote(dashboard)
    page = client.get(unquote(dashboard).split("#")[0]).content.decode()
    assert 'id="class-device"' in page and "Refresh this class's practice" in page


def test_a_teacher_signed_in_on_a_class_device_is_offered_to_keep_its_practice(
    world: World,
) -> None:
    set_quick_sign_in(classroom=world.classroom, enabled=True)
    client = Client()
    client.get(f"/accounts/class/{world.classroom.pk}/")  # the device shows Math A's sign-in
    client.force_login(world.teacher)
    page = client.get("/").content.decode()
    assert "This device is set up for Math A's picture sign-in" in page
    assert f'href="/teaching/classes/{world.classroom.pk}/#class-device"' in page
    # Not for a class they do not teach, nor for a cookie that names no class.
    other = Client()
    other.cookies["learnloop_quick_class"] = str(world.classroom.pk)
    other.force_login(world.other_teacher)
    assert "set up for" not in other.get("/").content.decode()
    for junk in ("x", "-1", "1.5", "", "9" * 30):
        odd = Client()
        odd.cookies["learnloop_quick_class"] = junk
        odd.force_login(world.teacher)
        assert odd.get("/").status_code == 200
        assert "set up for" not in odd.get("/").content.decode()
