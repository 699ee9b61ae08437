"""The placement pages through the test client: taking a check, the result, the map."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learnloop.accounts.models import Role
from learnloop.learning.tests.fixtures import client_for, learning_world
from learnloop.placement.models import PlacementAttempt, PlacementCheck
from learnloop.placement.services import answer_placement, start_placement
from learnloop.placement.tests.factories import ANSWER, placement_check
from learnloop.schools.services import enroll_student, ensure_user
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def take_url(world: World) -> str:
    return reverse("placement_take", kwargs={"check_id": placement_check(world).pk})


def test_a_student_takes_a_check_and_sees_where_they_start(world: World) -> None:
    client, url = client_for(world.student), take_url(world)
    assert "Start the placement check" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert "content/math.css" in client.get(url).content.decode()  # its stems are typeset
    for _ in range(40):
        page = client.get(url).content.decode()
        if "Your starting point" in page:
            break
        attempt = PlacementAttempt.objects.get(student=world.student)
        answer = {"item_id": attempt.current_item_id, "kind": "numeric"}
        # knows what comes first in the course, not what comes later
        first = len(attempt.answers) < 2
        answer |= {"answer": str(ANSWER)} if first else {"not_yet": "1"}
        assert client.post(url, answer).status_code == 302
    assert "What you already know" in page and "Where you start" in page
    assert PlacementAttempt.objects.get(student=world.student).finished_at is not None


def test_an_empty_answer_is_shown_as_an_error_not_a_crash(world: World) -> None:
    client, url = client_for(world.student), take_url(world)
    client.post(url)
    attempt = PlacementAttempt.objects.get(student=world.student)
    page = client.post(url, {"item_id": attempt.current_item_id, "answer": ""})
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()


def test_odd_item_ids_are_refused_cleanly(world: World) -> None:
    client, url = client_for(world.student), take_url(world)
    client.post(url)
    assert client.post(url, {"item_id": "x", "answer": "7"}).status_code == 400


def test_my_checks_lists_the_class_check(world: World) -> None:
    placement_check(world)
    page = client_for(world.student).get(reverse("placement_mine")).content.decode()
    assert "not started" in page
    other = client_for(world.other_student).get(reverse("placement_mine")).content.decode()
    assert "You have no placement check" in other


def test_the_teacher_assigns_a_check_to_one_student(world: World) -> None:
    framework = learning_world(world).framework
    url = reverse("placement_class", kwargs={"classroom_id": world.classroom.pk})
    response = client_for(world.teacher).post(
        url, {"framework": framework.pk, "student": world.student.pk}
    )
    assert response.status_code == 302
    assert PlacementCheck.objects.get(classroom=world.classroom).student == world.student


def _finish(world: World, student) -> None:
    attempt = start_placement(student=student, check=placement_check(world))
    while attempt.finished_at is None:
        attempt = answer_placement(
            attempt=attempt, item_id=attempt.current_item_id, answer=None, not_yet=True
        )


def _map_queries(world: World) -> tuple[int, str]:
    url = reverse("placement_class", kwargs={"classroom_id": world.classroom.pk})
    client = client_for(world.teacher)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    return len(captured), page


def test_the_starting_map_costs_the_same_for_one_student_or_four(world: World) -> None:
    _finish(world, world.student)
    few, page = _map_queries(world)
    assert "Start" in page and "1 of 1 finished" in page
    for n in range(3):
        student = ensure_user(
            username=f"pat_{n}", role=Role.STUDENT, first_name="Pat", last_name=f"P{n}",
            school=world.school, password="correct-horse-battery", email="",
        )  # fmt: skip
        enroll_student(classroom=world.classroom, student=student)
        _finish(world, student)
    many, page = _map_queries(world)
    assert "4 of 4 finished" in page
    assert many == few


def _home(world: World, student=None) -> tuple[int, str]:
    client = client_for(student or world.student)
    client.get(reverse("learning_home"))
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("learning_home")).content.decode()
    return len(captured), page


def test_my_learning_shows_the_check_to_take_then_where_the_student_starts(world: World) -> None:
    nothing, page = _home(world)
    assert "placement-card-heading" not in page
    check = placement_check(world)
    queries, page = _home(world)
    assert queries == nothing + 1  # one statement, whatever the checks (below)
    assert "Take the placement check" in page and take_url(world) in page
    start_placement(student=world.student, check=check)
    assert "Go on with the placement check" in _home(world)[1]
    _finish(world, world.student)
    attempt = PlacementAttempt.objects.get(student=world.student)
    assert attempt.summary["start"] and attempt.summary["known"] == 0
    page = _home(world)[1]
    assert "Take the placement check" not in page and "Where you start in" in page
    first_pk, first_code = attempt.summary["start"][0]
    assert first_code in page and "placement-start" in page
    assert reverse("learning_standard_detail", args=[first_pk]) in page
    assert "See your whole result" in page
    # someone else's class, someone else's card
    assert "placement-card-heading" not in _home(world, world.other_student)[1]
    # an attempt finished before attempts kept a summary: the link, no made-up result
    PlacementAttempt.objects.filter(pk=attempt.pk).update(summary={})
    page = _home(world)[1]
    assert "Where you start in" in page and "See your whole result" in page
    assert "placement-start" not in page and "You already know this whole course" not in page


def test_my_learnings_placement_card_costs_one_query_for_one_check_or_three(
    world: World,
) -> None:
    from learnloop.placement.services import assign_placement_check

    check = placement_check(world)
    one, _ = _home(world)
    for _ in range(2):
        assign_placement_check(
            assigned_by=world.teacher, classroom=world.classroom, framework=check.framework,
            student=world.student,
        )  # fmt: skip
    three, page = _home(world)
    assert page.count("Take the placement check") == 3
    assert three == one
