"""Suggest, edit, name and save groups; a repeated save makes no duplicates."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.teaching.models import Group, GroupMembership
from learnloop.teaching.services import GroupDraft, TeachingError, save_groups
from learnloop.teaching.tests.helpers import add_students, answer
from learnloop.testing.world import World


def teacher_client(world: World) -> Client:
    client = Client()
    client.force_login(world.teacher)
    return client


def class_with_three_profiles(world: World, lw: LearningWorld) -> list:
    students = add_students(world.classroom, 5)
    for student in students[:2]:
        for _ in range(6):
            answer(student, lw, True)
    for student in students[2:4]:
        for n in range(4):
            answer(student, lw, n % 2 == 0)
    return students


def test_suggest_then_save_edited_groups(world: World, lw: LearningWorld) -> None:
    students = class_with_three_profiles(world, lw)
    standard = lw.standards["6.RP.A.2"]
    url = reverse("teaching_group_suggest", args=[world.classroom.pk])
    client = teacher_client(world)
    page = client.get(url, {"standards": [standard.pk]})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Not yet on 6.RP.A.2" in text and "Ready for a challenge on 6.RP.A.2" in text
    assert 'for="id_student_' in text and "Group for </span>Kid0 Number00" in text
    count = page.context["count"]
    form = {"standards": [standard.pk], "k": "", "group_count": count}
    for n in range(count):
        form[f"name_{n}"] = f"Table {n + 1}"
        form[f"explanation_{n}"] = ""
    for student in [world.student, *students]:
        form[f"student_{student.pk}"] = page.context["edit"].initial[f"student_{student.pk}"]
    form[f"student_{students[0].pk}"] = "0"  # the teacher moves one student
    saved = client.post(url, form)
    assert saved.status_code == 302
    assert Group.objects.filter(classroom=world.classroom).count() == count
    assert GroupMembership.objects.get(student=students[0]).group.name == "Table 1"
    again = client.post(url, form)  # the same form submitted twice
    assert again.status_code == 302
    assert Group.objects.filter(classroom=world.classroom).count() == count
    listing = client.get(reverse("teaching_group_list", args=[world.classroom.pk]))
    assert "Assign to Table 1" in listing.content.decode()
    assert 'On <bdi dir="ltr">6.RP.A.2</bdi>' in listing.content.decode()
    world.teacher.language = "es"  # one sentence: "Sobre", never the switch's "Activado"
    world.teacher.save(update_fields=["language"])
    listing = client.get(reverse("teaching_group_list", args=[world.classroom.pk]))
    assert 'Sobre <bdi dir="ltr">6.RP.A.2</bdi>' in listing.content.decode()
    assert "Activado" not in listing.content.decode()


def test_suggest_without_standards_names_the_field(world: World, lw: LearningWorld) -> None:
    url = reverse("teaching_group_suggest", args=[world.classroom.pk])
    page = teacher_client(world).get(url)
    assert page.status_code == 400
    assert "Standards to group on: tick at least one standard." in page.content.decode()


def test_save_refuses_duplicate_names_and_strangers(world: World, lw: LearningWorld) -> None:
    standard = [lw.standards["6.RP.A.2"]]
    (kid,) = add_students(world.classroom, 1)
    with pytest.raises(TeachingError, match="same name"):
        save_groups(
            classroom=world.classroom,
            teacher=world.teacher,
            standards=standard,
            drafts=[GroupDraft("A", (world.student.pk,)), GroupDraft("a", (kid.pk,))],
        )
    with pytest.raises(TeachingError, match="Only students of this class"):
        save_groups(
            classroom=world.classroom,
            teacher=world.teacher,
            standards=standard,
            drafts=[GroupDraft("A", (world.other_student.pk,))],
        )
    with pytest.raises(TeachingError, match="only one"):
        save_groups(
            classroom=world.classroom,
            teacher=world.teacher,
            standards=standard,
            drafts=[GroupDraft("A", (kid.pk,)), GroupDraft("B", (kid.pk,))],
        )
    save_groups(
        classroom=world.classroom,
        teacher=world.teacher,
        standards=standard,
        drafts=[GroupDraft("A", (kid.pk,))],
    )
    with pytest.raises(TeachingError, match="already exists"):
        save_groups(
            classroom=world.classroom,
            teacher=world.teacher,
            standards=standard,
            drafts=[GroupDraft("A", (world.student.pk,))],
        )
    assert Group.objects.count() == 1


def test_edit_form_post_with_a_clash_shows_the_message(world: World, lw: LearningWorld) -> None:
    standard = lw.standards["6.RP.A.2"]
    url = reverse("teaching_group_suggest", args=[world.classroom.pk])
    form = {
        "standards": [standard.pk],
        "group_count": 2,
        "name_0": "Same",
        "name_1": "same",
        f"student_{world.student.pk}": "0",
    }
    (kid,) = add_students(world.classroom, 1)
    form[f"student_{kid.pk}"] = "1"
    page = teacher_client(world).post(url, form)
    assert page.status_code == 400
    assert "Two groups have the same name" in page.content.decode()
    assert not Group.objects.exists()


def test_the_suggested_groups_name_a_skill_in_words_not_its_code(
    world: World, lw: LearningWorld
) -> None:
    """An OATutor skill's code is a machine name: the groups' reasons name the standard as
    every page does (found in the demo's algebra class: "Not yet on classify_equations")."""
    class_with_three_profiles(world, lw)
    standard = lw.standards["6.RP.A.2"]
    standard.code = "find_a_unit_rate"
    standard.abbreviated_statement = ""
    standard.save()
    url = reverse("teaching_group_suggest", args=[world.classroom.pk])
    page = teacher_client(world).get(url, {"standards": [standard.pk]})
    text = page.content.decode()
    assert "Not yet on Find a unit rate" in text and "Ready for a challenge on Find a unit" in text
    assert "find_a_unit_rate" not in text
    assert page.context["edit"].initial["explanation_0"].endswith("Find a unit rate")


def test_the_suggested_groups_read_in_the_teachers_language(
    world: World, lw: LearningWorld
) -> None:
    class_with_three_profiles(world, lw)
    world.teacher.language = "es"
    world.teacher.save(update_fields=["language"])
    standard = lw.standards["6.RP.A.2"]
    url = reverse("teaching_group_suggest", args=[world.classroom.pk])
    page = teacher_client(world).get(url, {"standards": [standard.pk]})
    text = page.content.decode()
    assert "Aún no domina 6.RP.A.2" in text and "Listo para un reto en 6.RP.A.2" in text
    assert "Not yet on" not in text and "ready for a challenge" not in text.lower()
    assert page.context["edit"].initial["name_0"] == "Grupo 1"


def test_the_reasons_are_worded_whole_in_each_language() -> None:
    from django.utils import translation

    from learnloop.engine.groups import GroupReason
    from learnloop.engine.levels import Level
    from learnloop.teaching.group_words import word_reason

    codes = ("A.1", "A.2", "A.3", "A.4", "A.5", "A.6")
    both = GroupReason(codes[:2], codes[2:3])
    with translation.override("en"):
        assert word_reason(both) == "Not yet on A.1 and A.2; ready for a challenge on A.3"
        assert word_reason(GroupReason(codes, ())) == "Not yet on A.1, A.2, A.3 and 3 more"
        assert word_reason(GroupReason((), (), Level.FAMILIAR)) == "Mixed: mostly familiar"
    with translation.override("es"):
        assert word_reason(both) == "Aún no domina A.1 y A.2; listo para un reto en A.3"
        assert word_reason(GroupReason(codes, ())) == "Aún no domina A.1, A.2, A.3 y 3 más"
        mixed = word_reason(GroupReason((), (), Level.FAMILIAR))
        assert mixed == "Mixto: en su mayoría, familiarizado"
