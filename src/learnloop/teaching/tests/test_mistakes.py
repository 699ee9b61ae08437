"""Common mistakes this week: grouping, names, misconceptions, one-click moves, queries."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.content.models import Choice
from learnloop.learning.answering.service import record_response
from learnloop.learning.tests.fixtures import LearningWorld, client_for
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.mistakes import mistakes_for_classroom, names_sentence
from learnloop.teaching.models import Assignment, Group
from learnloop.teaching.tests.helpers import CHOICE_ITEM, add_students
from learnloop.testing.world import World


def give(student: User, lw: LearningWorld, item: int, answer: object, days_ago: float = 1) -> None:
    record_response(
        student=student,
        item_id=lw.items[item].pk,
        client_id=uuid.uuid4(),
        answer=answer,
        activity=lw.practice.pk,
        now=timezone.now() - dt.timedelta(days=days_ago),
    )


def report_for(world: World, **options: object):  # type: ignore[no-untyped-def]
    return mistakes_for_classroom(
        world.classroom,
        list(students_for_classroom(world.classroom)),
        leaf_standards_for_classroom(world.classroom),
        timezone.now(),
        **options,  # type: ignore[arg-type]
    )


def test_same_value_is_one_mistake_with_who_gave_it(world: World, lw: LearningWorld) -> None:
    maya, leila, ethan = add_students(world.classroom, 3)
    give(maya, lw, 0, "7")
    give(leila, lw, 1, "8")
    give(leila, lw, 0, "7.0")
    give(ethan, lw, 0, "14/2")
    give(ethan, lw, 0, "3")  # right: not a mistake
    give(world.student, lw, 0, "9", days_ago=9)  # before the week
    report = report_for(world)
    (entry,) = report.standards
    assert entry.standard.code == "6.RP.A.2"
    top = entry.mistakes[0]
    assert (top.item, top.mistake.shown, top.names) == (lw.items[0], "7", "Kid0, Kid1 and Kid2")
    assert entry.lesson == lw.lesson
    assert report.wrong_answers == 4
    assert len(report_for(world, days=14).standards[0].mistakes) == 3


def test_a_choice_names_its_misconception(world: World, lw: LearningWorld) -> None:
    Choice.objects.filter(item=lw.items[CHOICE_ITEM], identifier="b").update(
        feedback="Reversed the order of the ratio"
    )
    kids = add_students(world.classroom, 2)
    for kid in kids:
        give(kid, lw, CHOICE_ITEM, "b")
    url = reverse("teaching_class_mistakes", args=[world.classroom.pk])
    page = client_for(world.teacher).get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Common mistakes this week" in text
    assert "“5:3” on Ratio language" in text
    assert "Reversed the order of the ratio" in text
    assert "2 students: Kid0 and Kid1" in text
    assert "What is a unit rate?" in text  # the mini-lesson
    assert 'href="/help/teachers/mistakes/"' in text


def test_one_click_makes_the_group_and_a_second_click_reuses_it(
    world: World, lw: LearningWorld
) -> None:
    kids = add_students(world.classroom, 2)
    data = {
        "standard": lw.standards["6.RP.A.2"].pk,
        "students": [k.pk for k in kids],
        "name": "6.RP.A.2: 7",
        "explanation": "Answered “7”",
        "back": "mistakes",
    }
    url = reverse("teaching_mistake_group", args=[world.classroom.pk])
    client = client_for(world.teacher)
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("teaching_class_mistakes", args=[world.classroom.pk])
    group = Group.objects.get(classroom=world.classroom)
    assert group.name == "6.RP.A.2: 7"
    assert set(group.memberships.values_list("student_id", flat=True)) == {k.pk for k in kids}
    client.post(url, data)
    assert Group.objects.filter(classroom=world.classroom).count() == 1
    client.post(url, {**data, "students": [kids[0].pk]})  # same name, other students
    assert set(Group.objects.values_list("name", flat=True)) == {"6.RP.A.2: 7", "6.RP.A.2: 7 (2)"}


def test_moves_refuse_what_is_not_the_class(world: World, lw: LearningWorld) -> None:
    url = reverse("teaching_mistake_group", args=[world.classroom.pk])
    client = client_for(world.teacher)
    base = {"standard": lw.standards["6.RP.A.2"].pk, "name": "x"}
    assert client.post(url, {**base, "students": [world.other_student.pk]}).status_code == 302
    assert not Group.objects.exists()
    assert client.post(url, {**base, "standard": "abc", "students": [1]}).status_code == 400
    assert client.post(url, {**base, "standard": 10**9, "students": [1]}).status_code == 400
    assign = reverse("teaching_mistake_assign", args=[world.classroom.pk])
    bad_id = {**base, "students": [world.student.pk], "activity": lw.lesson.pk, "client_id": "x"}
    assert client.post(assign, bad_id).status_code == 400


def test_one_click_assigns_the_mini_lesson_to_those_students(
    world: World, lw: LearningWorld
) -> None:
    kids = add_students(world.classroom, 2)
    data = {
        "standard": lw.standards["6.RP.A.2"].pk,
        "activity": lw.lesson.pk,
        "students": [k.pk for k in kids],
        "client_id": str(uuid.uuid4()),
        "note": "Mini-lesson on 6.RP.A.2",
    }
    url = reverse("teaching_mistake_assign", args=[world.classroom.pk])
    client = client_for(world.teacher)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # the same form twice: one assignment
    (assignment,) = Assignment.objects.all()
    assert assignment.activity == lw.lesson
    assert set(assignment.recipients.values_list("student_id", flat=True)) == {k.pk for k in kids}


@pytest.mark.parametrize("size", [3, 30])
def test_the_mistakes_page_reads_a_fixed_number_of_queries(
    world: World, lw: LearningWorld, size: int
) -> None:
    kids = add_students(world.classroom, size)
    for n, kid in enumerate(kids):
        give(kid, lw, n % 4, str(7 + n % 3))
        give(kid, lw, CHOICE_ITEM, "b" if n % 2 else "c")
    client = client_for(world.teacher)
    url = reverse("teaching_class_mistakes", args=[world.classroom.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert len(captured) == QUERIES_FOR_THE_MISTAKES_PAGE, [q["sql"][:90] for q in captured]


# the same for 3 and for 30 students: session and user, the class and its access check,
# students, standards, the wrong answers, their items' standards, the items and choices,
# the lessons and their standards
QUERIES_FOR_THE_MISTAKES_PAGE = 12


def test_names_read_as_a_sentence() -> None:
    assert names_sentence(["Maya"]) == "Maya"
    assert names_sentence(["Maya", "Leila"]) == "Maya and Leila"
    assert names_sentence(["Maya", "Leila", "Ethan"]) == "Maya, Leila and Ethan"
