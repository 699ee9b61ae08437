"""Assignments: made once, first on the board, completion from the log or the student's word."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.learning.answering.access import ASSIGNED_CHECKS
from learnloop.learning.selectors import board_for_student
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.teaching.completion import statuses_for_assignments
from learnloop.teaching.integrations import (
    activity_assigned_to,
    assignment_reason,
    open_assignments_for_student,
)
from learnloop.teaching.models import Assignment, Audience, Recipient
from learnloop.teaching.services import TeachingError, create_assignment
from learnloop.teaching.tests.factories import group_of
from learnloop.teaching.tests.helpers import add_students, answer
from learnloop.testing.world import World


def login(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_form_assigns_to_a_group_once_and_it_shows_first(world: World, lw: LearningWorld) -> None:
    (kid,) = add_students(world.classroom, 1)
    group = group_of(world)  # only world.student
    url = reverse("teaching_assignment_new", args=[world.classroom.pk])
    client = login(world.teacher)
    assert client.get(url, {"group": group.pk}).status_code == 200
    due = timezone.localdate() + dt.timedelta(days=3)
    form = {
        "activity": lw.lesson.pk,
        "audience": "group",
        "group": group.pk,
        "due_on": due.isoformat(),
        "note": "Read it twice",
        "client_id": str(uuid.uuid4()),
    }
    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # the same form again
    assignment = Assignment.objects.get()
    assert list(assignment.recipients.values_list("student", flat=True)) == [world.student.pk]
    board = board_for_student(world.student, timezone.now())
    assert board[0].kind == "assignment" and board[0].title == lw.lesson.title
    assert board[0].reason == (
        f"Assigned by Tina Teacher · due {due:%a} {due.day} {due:%b} · Read it twice"
    )
    assert not any(o.key.startswith("assignment") for o in board_for_student(kid, timezone.now()))


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"audience": "class"}, "Activity: choose what the students should do."),
        ({"audience": "group"}, "Group: choose which group gets this."),
        ({"audience": "students"}, "Students: tick at least one student."),
        ({"audience": "class", "due_on": "2001-01-01"}, "Due date: choose today or a later day."),
    ],
)
def test_form_errors_name_the_field(
    world: World, lw: LearningWorld, form: dict[str, str], message: str
) -> None:
    data = {"activity": lw.practice.pk, "client_id": str(uuid.uuid4()), **form}
    if message.startswith("Activity"):
        data.pop("activity")
    url = reverse("teaching_assignment_new", args=[world.classroom.pk])
    page = login(world.teacher).post(url, data)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not Assignment.objects.exists()


def test_practice_is_done_when_every_item_is_answered_since(
    world: World, lw: LearningWorld
) -> None:
    answer(world.student, lw, True, timezone.now() - dt.timedelta(days=1))  # before: not counted
    assignment = create_assignment(
        classroom=world.classroom,
        teacher=world.teacher,
        activity=lw.practice,
        audience=Audience.CLASS,
        client_id=uuid.uuid4(),
    )
    for item in range(4):
        answer(world.student, lw, item % 2 == 0, item=item)
    (status,) = statuses_for_assignments([assignment])
    assert (status.progress[0].answered, status.progress[0].needed) == (4, 5)
    assert status.done_count == 0 and status.missing == [world.student]
    answer(world.student, lw, False, item=4)
    (status,) = statuses_for_assignments([assignment])
    assert status.done_count == 1 and status.missing == []
    board = board_for_student(world.student, timezone.now())
    assert not any(o.key == f"assignment-{assignment.pk}" for o in board)


def test_lesson_is_done_when_the_student_says_so(world: World, lw: LearningWorld) -> None:
    assignment = create_assignment(
        classroom=world.classroom,
        teacher=world.teacher,
        activity=lw.lesson,
        audience=Audience.STUDENTS,
        students=[world.student],
        client_id=uuid.uuid4(),
    )
    done = reverse("teaching_assignment_done", args=[assignment.pk])
    assert login(world.other_student).post(done).status_code in (403, 404)
    assert login(world.student).post(done).status_code == 302
    first = Recipient.objects.get().done_at
    login(world.student).post(done)
    assert Recipient.objects.get().done_at == first
    detail = login(world.teacher).get(reverse("teaching_assignment_detail", args=[assignment.pk]))
    assert "1 of 1 done" in detail.content.decode()


def test_service_refuses_students_of_another_class(world: World, lw: LearningWorld) -> None:
    with pytest.raises(TeachingError, match="Only students of this class"):
        create_assignment(
            classroom=world.classroom,
            teacher=world.teacher,
            activity=lw.lesson,
            audience=Audience.STUDENTS,
            students=[world.other_student],
            client_id=uuid.uuid4(),
        )


def test_dashboard_and_list_show_who_is_missing(world: World, lw: LearningWorld) -> None:
    add_students(world.classroom, 1)
    create_assignment(
        classroom=world.classroom,
        teacher=world.teacher,
        activity=lw.lesson,
        audience=Audience.CLASS,
        client_id=uuid.uuid4(),
    )
    client = login(world.teacher)
    for name in ("teaching_class_dashboard", "teaching_assignment_list"):
        text = client.get(reverse(name, args=[world.classroom.pk])).content.decode()
        assert "0 of 2</strong> done" in text
        assert "Not yet: Kid0 Number00, Sam Student" in text


def test_open_assignments_read_in_plain_sql_match_the_orm(world: World, lw: LearningWorld) -> None:
    due = timezone.localdate() + dt.timedelta(days=2)
    for activity, due_on in ((lw.lesson, due), (lw.practice, None)):
        create_assignment(
            classroom=world.classroom,
            teacher=world.teacher,
            activity=activity,
            audience=Audience.CLASS,
            due_on=due_on,
            note="Read it twice",
            client_id=uuid.uuid4(),
        )
    expected = list(
        Assignment.objects.filter(
            recipients__student=world.student, recipients__done_at__isnull=True
        ).order_by("due_on", "created_at")
    )
    found = open_assignments_for_student(world.student)
    assert [a.pk for a in found] == [a.pk for a in expected]
    assert [assignment_reason(a) for a in found] == [assignment_reason(a) for a in expected]
    assert [(a.activity.title, a.activity.kind) for a in found] == [
        (a.activity.title, a.activity.kind) for a in expected
    ]
    assert open_assignments_for_student(world.other_student) == []


@pytest.mark.django_db
def test_an_activity_assigned_outside_the_class_frameworks_may_be_practiced(
    world: World, lw: LearningWorld
) -> None:
    """learning.access asks teaching whether an activity was assigned: the page and the
    JSON endpoint then both accept answers to its items."""
    client = login(world.other_student)  # Math B follows no framework
    page = reverse("learning_practice", args=[lw.practice.pk])
    payload = {
        "client_id": str(uuid.uuid4()),
        "item_id": lw.items[0].pk,
        "answer": "3",
        "activity_id": lw.practice.pk,
    }
    assert client.get(page).status_code == 403
    api = "/learn/api/responses"
    assert client.post(api, payload, content_type="application/json").status_code == 403
    create_assignment(
        classroom=world.other_classroom,
        teacher=world.other_teacher,
        activity=lw.practice,
        audience=Audience.CLASS,
        client_id=uuid.uuid4(),
    )
    assert client.get(page).status_code == 200
    stored = client.post(api, payload, content_type="application/json")
    assert stored.status_code == 201, stored.content
    outside = {**payload, "client_id": str(uuid.uuid4()), "activity_id": None}
    assert client.post(api, outside, content_type="application/json").status_code == 403
    assert activity_assigned_to in ASSIGNED_CHECKS  # lent through the slot, in ready()
    with ASSIGNED_CHECKS.emptied():  # learning alone knows nothing of assignments
        assert client.get(page).status_code == 403
        again = {**payload, "client_id": str(uuid.uuid4())}
        assert client.post(api, again, content_type="application/json").status_code == 403
