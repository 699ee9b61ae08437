"""What goals lends to other pages: signals, alerts, agenda, family lines, the profile card.

Providers run a fixed number of queries, whatever the class size.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.conferences.agenda import build_agenda
from learnloop.conferences.selectors import agenda_facts_for_student
from learnloop.conferences.services import request_conference
from learnloop.family.goals import goal_lines_for
from learnloop.goals.integrations import student_signals
from learnloop.goals.services import (
    abandon_goal,
    achieve_goal,
    add_reflection,
    ask_for_help,
    cosign_goal,
    rate_standard,
    request_cosign,
)
from learnloop.goals.tests.factories import CODE, goal_of, habit_of, rate_in_order
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.privacy.scope import EVERY_CLASS
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.alerts import alerts_for_classroom
from learnloop.teaching.tests.helpers import add_students, answer
from learnloop.testing.world import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def everything_for(world: World, lw: LearningWorld, student: User, tag: str) -> None:
    """A goal, a habit, a reflection, a rating far above the evidence and open help."""
    goal = goal_of(world, f"goal-{tag}", student=student)
    habit_of(world, student=student)
    add_reflection(student=student, goal=goal, text=f"Reflect {tag}", client_id=uuid.uuid4())
    rate_standard(student=student, standard=lw.standards[CODE], rating=4, client_id=uuid.uuid4())
    ask_for_help(student=student, message=f"Help {tag}", standard=lw.standards[CODE])


def test_signals_for_the_teacher(world: World, lw: LearningWorld) -> None:
    everything_for(world, lw, world.student, "sam")
    signals = student_signals([world.student.pk], EVERY_CLASS)
    assert [h.text for h in signals.help] == ["Help sam"]
    assert signals.help[0].standard_id == lw.standards[CODE].pk
    assert [(r.standard_id, r.rating) for r in signals.ratings] == [(lw.standards[CODE].pk, 4)]
    assert sorted(g.title for g in signals.goals) == [
        "Practice every day",
        "Show unit rates (goal-sam)",
    ]
    assert [(r.text, r.about) for r in signals.reflections] == [
        ("Reflect sam", "the goal “Show unit rates (goal-sam)”")
    ]


def test_only_the_newest_rating_per_standard_counts(world: World, lw: LearningWorld) -> None:
    rate_in_order(world.student, lw.standards[CODE], [1, 4, 2])
    assert [r.rating for r in student_signals([world.student.pk], EVERY_CLASS).ratings] == [2]


def test_dashboard_alerts_for_help_and_confidence(world: World, lw: LearningWorld) -> None:
    everything_for(world, lw, world.student, "sam")
    standards = leaf_standards_for_classroom(world.classroom)
    alerts = alerts_for_classroom([world.student], standards, timezone.now(), scope=EVERY_CLASS)
    kinds = {alert.kind: alert for alert in alerts}
    assert kinds["help"].seen == f"Asked for help on {CODE}: “Help sam”"
    assert kinds["over-confident"].move.startswith("Ask Sam to show a worked example")
    page = client_for(world.teacher).get(
        reverse("teaching_class_dashboard", args=[world.classroom.pk])
    )
    text = page.content.decode()
    assert "Asked for help on 6.RP.A.2" in text and "Over confident" in text


def test_under_confident_when_the_evidence_is_higher(world: World, lw: LearningWorld) -> None:
    for _ in range(8):
        answer(world.student, lw, True)
    rate_standard(
        student=world.student, standard=lw.standards[CODE], rating=1, client_id=uuid.uuid4()
    )
    standards = leaf_standards_for_classroom(world.classroom)
    alerts = alerts_for_classroom([world.student], standards, timezone.now(), scope=EVERY_CLASS)
    assert [a.kind for a in alerts if a.standard == lw.standards[CODE]] == ["under-confident"]


@pytest.mark.parametrize("size", [3, 30])
def test_signals_queries_do_not_grow_with_the_class(
    world: World, lw: LearningWorld, size: int
) -> None:
    students = [world.student, *add_students(world.classroom, size - 1)]
    for index, student in enumerate(students):
        everything_for(world, lw, student, str(index))
    with CaptureQueriesContext(connection) as captured:
        signals = student_signals([s.pk for s in students], EVERY_CLASS)
    assert len(signals.help) == size and len(signals.goals) == 2 * size
    assert len(captured) == SIGNAL_QUERIES


# help, ratings, goals, their standards, mastery levels, practice time, reflections
SIGNAL_QUERIES = 7


@pytest.mark.parametrize("size", [3, 30])
def test_dashboard_queries_do_not_grow_with_goals_in_the_class(
    world: World, lw: LearningWorld, size: int
) -> None:
    students = [world.student, *add_students(world.classroom, size - 1)]
    for index, student in enumerate(students):
        everything_for(world, lw, student, str(index))
    client = client_for(world.teacher)
    url = reverse("teaching_class_dashboard", args=[world.classroom.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.content.decode().count("alert--help") == size
    assert len(captured) == DASHBOARD_QUERIES


# 13 for the page (two: the latest answers and the count regraded on sync,
# teaching.arrivals), 7 goals signals, 1 for the calibration levels.
DASHBOARD_QUERIES = 21


def test_profile_shows_goals_and_lets_the_teacher_act(world: World, lw: LearningWorld) -> None:
    everything_for(world, lw, world.student, "sam")
    goal = goal_of(world, "goal-sam")
    request_cosign(goal=goal)
    url = reverse("teaching_student_profile", args=[world.student.pk])
    text = client_for(world.teacher).get(url).content.decode()
    assert "Help and co-signs" in text and "Mark helped" in text
    assert reverse("goals_cosign", args=[goal.pk]) in text
    assert "Reflect sam" in text and "4 of 4" in text
    assert re.search(
        r'aria-label="Progress on Show unit rates \(goal-sam\)"></progress> \d+%', text
    )
    office = client_for(world.admin).get(url).content.decode()
    assert "Help sam" not in office and "Mark helped" not in office  # privacy.rules
    assert "Reflect sam" not in office and "4 of 4" not in office
    assert "Help requests are for the student's teachers only." in office
    assert reverse("goals_cosign", args=[goal.pk]) not in office


def test_family_sees_active_and_achieved_goals_never_reflections(
    world: World, lw: LearningWorld
) -> None:
    everything_for(world, lw, world.student, "sam")
    done, dropped = goal_of(world, "done"), goal_of(world, "dropped")
    cosign_goal(goal=done, teacher=world.teacher)
    achieve_goal(goal=done)
    abandon_goal(goal=dropped)
    lines = goal_lines_for(world.student)
    assert {line.title for line in lines} == {
        "Practice every day",
        "Show unit rates (goal-sam)",
        "Show unit rates (done)",
    }
    detail = next(line.detail for line in lines if line.title == "Show unit rates (done)")
    assert detail.startswith("Achieved · by ") and "co-signed by Tina Teacher" in detail
    page = client_for(world.guardian).get(reverse("family_student", args=[world.student.pk]))
    text = page.content.decode()
    assert "Show unit rates (goal-sam)" in text and "Reflect sam" not in text
    assert "dropped" not in text


def test_conference_agenda_from_goals_help_and_reflections(world: World, lw: LearningWorld) -> None:
    everything_for(world, lw, world.student, "sam")
    now = timezone.now()
    lines = build_agenda(agenda_facts_for_student(world.student, "", now, EVERY_CLASS), now)
    texts = [(line.kind, line.text) for line in lines]
    assert ("help", "Asked for help: “Help sam”") in texts
    assert ("reflection", "Reflected: “Reflect sam”") in texts
    assert any(kind == "goal" and "Show unit rates (goal-sam)" in text for kind, text in texts)
    conference = request_conference(
        student=world.student,
        teacher=world.teacher,
        requested_by=world.teacher,
        topic="",
        client_id=uuid.uuid4(),
    )
    assert any(line["kind"] == "help" for line in conference.agenda)


def test_a_goal_waiting_for_a_co_sign_reads_so_on_every_page(
    world: World, lw: LearningWorld
) -> None:
    everything_for(world, lw, world.student, "sam")
    goal = goal_of(world, "goal-sam")
    request_cosign(goal=goal)
    pages = {
        world.student: reverse("goals_home"),
        world.teacher: reverse("teaching_student_profile", args=[world.student.pk]),
        world.guardian: reverse("family_student", args=[world.student.pk]),
    }
    for reader, url in pages.items():
        text = client_for(reader).get(url).content.decode()
        assert re.search(r"[Ww]aiting for a co-sign", text), reader.username
