"""The choice board after a bad session: the goal standard stays and the lesson is offered."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.goals.services import abandon_goal
from learnloop.goals.tests.factories import CODE, goal_of
from learnloop.learning.models import PracticeSession
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db
LESSON_REASON = (
    f"Practice on {CODE} has been hard (6 of your last 6 answers were wrong): "
    "this lesson explains it step by step."
)


def fail_a_session(client: Client, world: World, lw: LearningWorld, answers: int = 6) -> None:
    """Answer every item served on the practice page wrong."""
    url = reverse("learning_practice", args=[lw.practice.pk])
    for _ in range(answers):
        client.get(url)
        session = PracticeSession.objects.get(student=world.student, finished_at=None)
        wrong = "b" if session.current_item.kind == "single_choice" else "7"
        post = {
            "item_id": session.current_item_id,
            "client_id": session.current_client_id,
            "answer": wrong,
            "kind": session.current_item.kind,
        }
        assert client.post(url, post).status_code == 200


def board_of(page: str) -> str:
    return html.unescape(page[page.index('id="board-heading"') : page.index('class="board__more"')])


def test_after_a_failed_session_my_learning_keeps_the_goal_and_offers_its_lesson(
    world: World, lw: LearningWorld
) -> None:
    goal_of(world)  # a goal on 6.RP.A.2
    client = Client()
    client.force_login(world.student)
    fail_a_session(client, world, lw)
    board = board_of(client.get(reverse("learning_home")).content.decode())
    assert lw.lesson.title in board
    assert f"{LESSON_REASON} It's one of your goals." in board
    assert "Your goal" in board
    assert lw.practice.title in board  # the world has two activities: both are offered
    assert board.count('class="board__option') == 2


def test_without_the_goal_a_failed_session_still_brings_the_lesson(
    world: World, lw: LearningWorld
) -> None:
    abandon_goal(goal=goal_of(world))
    client = Client()
    client.force_login(world.student)
    fail_a_session(client, world, lw)
    board = board_of(client.get(reverse("learning_home")).content.decode())
    assert lw.lesson.title in board and LESSON_REASON in board
    assert "Your goal" not in board


def test_the_goal_standards_statement_reads_what_the_orm_reads(
    world: World, lw: LearningWorld
) -> None:
    from learnloop.goals.models import Goal, GoalStatus
    from learnloop.goals.queries import goal_standard_ids_for_student

    abandon_goal(goal=goal_of(world, "let go"))
    assert goal_standard_ids_for_student(world.student.pk) == set()  # let go: not kept
    kept = goal_of(world, "kept")
    orm = set(
        Goal.standards.through.objects.filter(
            goal__student=world.student, goal__status=GoalStatus.ACTIVE
        ).values_list("standard_id", flat=True)
    )
    assert (
        goal_standard_ids_for_student(world.student.pk)
        == orm
        == {s.pk for s in kept.standards.all()}
    )
    assert goal_standard_ids_for_student(world.other_student.pk) == set()
