"""Alerts become moves: stuck students clustered by standard and shared wrong answer."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.learning.answering.service import record_response
from learnloop.learning.tests.fixtures import LearningWorld, client_for
from learnloop.teaching.models import Group
from learnloop.teaching.tests.helpers import add_students
from learnloop.testing.world import World


def stick(student: User, lw: LearningWorld, wrong: str) -> None:
    """Six answers on 6.RP.A.2 in two days, mostly `wrong`: stuck by the dashboard's rule."""
    now = timezone.now()
    for n in range(6):
        record_response(
            student=student,
            item_id=lw.items[n % 4].pk,
            client_id=uuid.uuid4(),
            answer=wrong,
            activity=lw.practice.pk,
            now=now - dt.timedelta(days=2, minutes=-n),
        )


def dashboard(world: World) -> str:
    url = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    return client_for(world.teacher).get(url).content.decode()


def test_stuck_students_with_the_same_mistake_become_one_move(
    world: World, lw: LearningWorld
) -> None:
    maya, leila, ethan, ravi = add_students(world.classroom, 4)
    for kid in (maya, leila, ethan):
        stick(kid, lw, "7")
    stick(ravi, lw, "12")
    page = dashboard(world)
    assert "Pull Kid0, Kid1 and Kid2 for 6.RP.A.2 (all stuck, same mistake: 7)" in page
    assert "Pull Kid3 for a small-group lesson on 6.RP.A.2" in page
    assert page.count('class="alert alert--stuck"') == 2  # not four cards
    assert 'href="/help/teachers/dashboard/"' in page


def test_stuck_without_a_shared_mistake_is_still_one_move(world: World, lw: LearningWorld) -> None:
    kids = add_students(world.classroom, 2)
    stick(kids[0], lw, "7")
    stick(kids[1], lw, "12")
    assert "Pull Kid0 and Kid1 for 6.RP.A.2 (both stuck)" in dashboard(world)


def test_the_move_makes_its_group_in_one_click(world: World, lw: LearningWorld) -> None:
    kids = add_students(world.classroom, 3)
    for kid in kids:
        stick(kid, lw, "7")
    data = {
        "standard": lw.standards["6.RP.A.2"].pk,
        "students": [k.pk for k in kids],
        "name": "6.RP.A.2: 7",
        "back": "dashboard",
    }
    response = client_for(world.teacher).post(
        reverse("teaching_mistake_group", args=[world.classroom.pk]), data
    )
    assert response["Location"] == reverse("teaching_class_dashboard", args=[world.classroom.pk])
    assert Group.objects.get().memberships.count() == 3


@pytest.mark.parametrize("size", [3, 30])
def test_moves_keep_the_dashboard_queries_fixed(world: World, lw: LearningWorld, size: int) -> None:
    kids = add_students(world.classroom, size)
    for n, kid in enumerate(kids):
        stick(kid, lw, str(7 + n % 3))
    client = client_for(world.teacher)
    url = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) == QUERIES_WITH_STUCK_STUDENTS


# the dashboard's 17 (test_dashboard), the stuck alerts' low states, and the mistakes:
# the wrong answers, their items' standards, the items and choices, the lessons and theirs
QUERIES_WITH_STUCK_STUDENTS = 24
