"""Who sees what across classes: a student in two classes that follow different frameworks.

Sam is in Math A (teacher Tina, the demo 6th-grade framework) and in Math B (teacher
Omar, an algebra framework). Sam's help request, standards goal, its reflection and a
rating on 6.RP.A.2 are Math A's: Tina sees them on every page and Omar on none. A habit
goal and a week's reflection are tied to no standard, so both teachers see them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import User
from learnloop.conferences.services import request_conference
from learnloop.goals.models import Goal, HelpRequest, Reflection, SelfAssessment
from learnloop.goals.scope import in_scope, visible_to_teacher
from learnloop.goals.services import add_reflection, ask_for_help, rate_standard, request_cosign
from learnloop.goals.tests.factories import CODE, goal_of, habit_of
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.privacy.scope import EVERY_CLASS, scope_of_classroom, scope_of_teacher
from learnloop.schools.services import enroll_student
from learnloop.standards.models import Framework, Standard
from learnloop.standards.services import adopt_framework
from learnloop.testing.world import World

HELP = "Stuck on unit rates"
GOAL = "Show unit rates (rates)"
REFLECTION = "Unit rates click when I draw a table"
HABIT = "Practice every day"
WEEK = "A calm week, I practiced on the bus"


@dataclass
class TwoClasses:
    help_request: HelpRequest
    goal: Goal
    habit: Goal
    algebra_standard: Standard


@pytest.fixture
def two(world: World, lw: LearningWorld) -> TwoClasses:
    algebra = Framework.objects.create(identifier="scope-algebra", title="Algebra 1")
    linear = Standard.objects.create(
        framework=algebra, identifier="scope-a-rei", code="A-REI.3", full_statement="Solve"
    )
    adopt_framework(classroom=world.other_classroom, framework=algebra)
    enroll_student(classroom=world.other_classroom, student=world.student)
    goal = goal_of(world, "rates")
    habit = habit_of(world)
    request_cosign(goal=goal)
    request_cosign(goal=habit)
    add_reflection(student=world.student, goal=goal, text=REFLECTION, client_id=uuid.uuid4())
    add_reflection(student=world.student, text=WEEK, client_id=uuid.uuid4())
    rate_standard(
        student=world.student, standard=lw.standards[CODE], rating=4, client_id=uuid.uuid4()
    )
    help_request, _ = ask_for_help(student=world.student, message=HELP, standard=lw.standards[CODE])
    return TwoClasses(help_request, goal, habit, linear)


def page(user: User, name: str, *args: int) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_the_rule_in_one_filter(world: World, two: TwoClasses) -> None:
    tina, omar = scope_of_teacher(world.teacher), scope_of_teacher(world.other_teacher)
    for model in (Goal, HelpRequest, Reflection, SelfAssessment):
        assert model.objects.filter(in_scope(model, EVERY_CLASS)).count() == model.objects.count()
    assert set(Goal.objects.filter(in_scope(Goal, tina))) == {two.goal, two.habit}
    assert list(Goal.objects.filter(in_scope(Goal, omar))) == [two.habit]
    assert HelpRequest.objects.filter(in_scope(HelpRequest, omar)).count() == 0
    assert [r.text for r in Reflection.objects.filter(in_scope(Reflection, omar))] == [WEEK]
    assert Reflection.objects.filter(in_scope(Reflection, tina)).count() == 2
    assert SelfAssessment.objects.filter(in_scope(SelfAssessment, omar)).count() == 0
    in_b = scope_of_classroom(world.other_classroom)
    assert list(Goal.objects.filter(in_scope(Goal, in_b))) == [two.habit]
    assert visible_to_teacher(two.help_request, world.teacher)
    assert not visible_to_teacher(two.help_request, world.other_teacher)


def test_a_request_ticking_both_classes_standards_is_both_classes(
    world: World, two: TwoClasses, lw: LearningWorld
) -> None:
    two.help_request.standards.add(two.algebra_standard)
    assert visible_to_teacher(two.help_request, world.other_teacher)
    untied = HelpRequest.objects.filter(pk=two.help_request.pk)
    untied.update(standard=None)
    two.help_request.standards.clear()
    assert visible_to_teacher(HelpRequest.objects.get(), world.other_teacher)


def test_home_from_your_students(world: World, two: TwoClasses) -> None:
    tina, omar = page(world.teacher, "home"), page(world.other_teacher, "home")
    assert HELP in tina and GOAL in tina and REFLECTION in tina
    assert HELP not in omar and GOAL not in omar and REFLECTION not in omar
    assert HABIT in omar and WEEK in omar


def test_help_and_goals_inbox(world: World, two: TwoClasses) -> None:
    tina = page(world.teacher, "goals_teacher")
    omar = page(world.other_teacher, "goals_teacher")
    assert HELP in tina and GOAL in tina and REFLECTION in tina
    assert HELP not in omar and GOAL not in omar and REFLECTION not in omar
    assert HABIT in omar and WEEK in omar


def test_class_dashboard_alerts_are_the_classs_own(world: World, two: TwoClasses) -> None:
    tina = page(world.teacher, "teaching_class_dashboard", world.classroom.pk)
    omar = page(world.other_teacher, "teaching_class_dashboard", world.other_classroom.pk)
    assert f"Asked for help on {CODE}" in tina and "Over confident" in tina
    assert "Asked for help" not in omar and "Over confident" not in omar


def test_a_class_dashboard_names_its_own_topic_of_a_request(world: World, two: TwoClasses) -> None:
    """A request on 6.RP.A.2 that also ticks A-REI.3 is Math B's too, about A-REI.3."""
    two.help_request.standards.add(two.algebra_standard)
    omar = page(world.other_teacher, "teaching_class_dashboard", world.other_classroom.pk)
    assert "Asked for help on A-REI.3" in omar and CODE not in omar


@pytest.mark.parametrize("name", ["teaching_student_profile", "goals_student"])
def test_student_pages_show_the_teachers_classes(world: World, two: TwoClasses, name: str) -> None:
    tina = page(world.teacher, name, world.student.pk)
    omar = page(world.other_teacher, name, world.student.pk)
    assert GOAL in tina and REFLECTION in tina and HABIT in tina
    assert GOAL not in omar and REFLECTION not in omar and HELP not in omar
    assert HABIT in omar


def test_conference_agenda_with_each_teacher(world: World, two: TwoClasses) -> None:
    def agenda_with(teacher: User) -> str:
        conference = request_conference(
            student=world.student,
            teacher=teacher,
            requested_by=world.student,
            topic="",
            client_id=uuid.uuid4(),
        )
        return " ".join(line["text"] for line in conference.agenda)

    tina, omar = agenda_with(world.teacher), agenda_with(world.other_teacher)
    assert HELP in tina and GOAL in tina and REFLECTION in tina
    assert HELP not in omar and GOAL not in omar and REFLECTION not in omar
    assert HABIT in omar and WEEK in omar


def test_another_teacher_opening_the_conference_gets_no_class_lines(
    world: World, two: TwoClasses
) -> None:
    conference = request_conference(
        student=world.student,
        teacher=world.teacher,
        requested_by=world.student,
        topic="Unit rates again",
        client_id=uuid.uuid4(),
    )
    tina = page(world.teacher, "conferences_detail", conference.pk)
    omar = page(world.other_teacher, "conferences_detail", conference.pk)
    assert HELP in tina and REFLECTION in tina
    assert HELP not in omar and REFLECTION not in omar and GOAL not in omar
    assert "Unit rates again" in omar


def test_another_classs_help_cannot_be_marked_or_cosigned(world: World, two: TwoClasses) -> None:
    client = Client()
    client.force_login(world.other_teacher)
    resolve = reverse("goals_help_resolve", args=[two.help_request.pk])
    assert client.post(resolve).status_code == 403
    assert client.post(reverse("goals_cosign", args=[two.goal.pk])).status_code == 403
    assert client.post(reverse("goals_cosign", args=[two.habit.pk])).status_code == 302


def test_the_family_report_shows_a_teacher_their_classes_goals(
    world: World, two: TwoClasses
) -> None:
    tina = page(world.teacher, "family_report", world.student.pk)
    omar = page(world.other_teacher, "family_report", world.student.pk)
    family = page(world.guardian, "family_report", world.student.pk)
    assert GOAL in tina and HABIT in tina
    assert GOAL not in omar and HABIT in omar  # as on his other pages
    assert GOAL in family and HABIT in family  # a family sees every goal
