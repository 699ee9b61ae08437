"""The student profile: mastery beside self-assessment, trend, the answers actually given."""

from __future__ import annotations

import datetime as dt
import uuid

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.learning.goal_lines import GoalLine
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.teaching import profile_extras, signals
from learnloop.teaching.models import Audience
from learnloop.teaching.profile import proficient_by_week
from learnloop.teaching.profile_extras import ProfileCard
from learnloop.teaching.services import create_assignment
from learnloop.teaching.signals import ReflectionLine, SelfRating, StudentSignals
from learnloop.teaching.tests.helpers import answer
from learnloop.testing.world import World


def page_for(world: World) -> str:
    client = Client()
    client.force_login(world.teacher)
    response = client.get(reverse("teaching_student_profile", args=[world.student.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_recent_answers_show_the_question_and_what_was_given(
    world: World, lw: LearningWorld
) -> None:
    answer(world.student, lw, False, item=1)
    text = page_for(world)
    assert "3 pencils cost $9. What does one pencil cost?" in text
    assert "Answered: <strong>7</strong>" in text


def test_trend_counts_proficient_standards_at_the_end_of_each_week(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    for n in range(8):
        answer(world.student, lw, True, now - dt.timedelta(days=10, minutes=n))
    standard = lw.standards["6.RP.A.2"].pk
    weeks = proficient_by_week(world.student, [standard], now, weeks=4)
    assert [w.proficient for w in weeks] == [0, 0, 1, 1]
    assert weeks[-1].week_end == now
    text = page_for(world)
    assert "<svg" in text
    assert "Practice’s estimate: standards at proficient or better per week" in text


def test_signals_and_cards_from_other_apps(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    standard = lw.standards["6.RP.A.2"]

    def source(student_ids: object, scope: object) -> StudentSignals:
        return StudentSignals(
            ratings=[SelfRating(world.student.pk, standard.pk, 4, now)],
            goals=[GoalLine(world.student.pk, "Master unit rates", "active", progress=0.5)],
            reflections=[ReflectionLine(world.student.pk, "Ratios click now.", now)],
        )

    def cards(*, student: object, viewer: object) -> list[ProfileCard]:
        return [ProfileCard("Conferences", "teaching/tests/_card.html", {"line": "Held Tue"})]

    with signals.SIGNAL_SOURCES.lent(source), profile_extras.PROFILE_CARDS.lent(cards):
        text = page_for(world)
    assert '4 of 4 <span class="flag">rates higher than the evidence</span>' in text
    assert "Master unit rates" in text and "Ratios click now." in text
    assert 'id="conference-card-heading">Conferences</h2>' in text


def test_guardian_and_the_student_cannot_open_it(world: World) -> None:
    for user in (world.guardian, world.student, world.other_teacher):
        client = Client()
        client.force_login(user)
        url = reverse("teaching_student_profile", args=[world.student.pk])
        assert client.get(url).status_code == 403


def test_the_level_column_is_headed_level_not_engine(world: World) -> None:
    """The column shows the one combined level (practice, scored work, observations,
    overrides): it is "Level"; only the practice-only trend says it is practice's."""
    client = Client()
    client.force_login(world.teacher)
    html = client.get(reverse("teaching_student_profile", args=[world.student.pk])).content
    text = html.decode()
    assert '<th scope="col">Level</th>' in text
    assert '<th scope="col">Engine</th>' not in text
    assert "Engine level" not in text
    assert "Practice’s estimate: standards at proficient" in text


def test_an_assignment_from_another_teachers_class_is_named_not_linked(world: World) -> None:
    """A student in two classes: this teacher's profile of them names the other class's
    assignment without a link to a page that would answer 403."""
    from learnloop.schools.services import enroll_student
    from learnloop.teaching.tests.factories import assignment_of

    mine = assignment_of(world)
    enroll_student(classroom=world.other_classroom, student=world.student)
    theirs = create_assignment(
        classroom=world.other_classroom,
        teacher=world.other_teacher,
        activity=mine.activity,
        audience=Audience.CLASS,
        client_id=uuid.uuid4(),
    )
    page = page_for(world)
    assert reverse("teaching_assignment_detail", args=[mine.pk]) in page
    assert reverse("teaching_assignment_detail", args=[theirs.pk]) not in page
    assert f"({world.other_classroom.name})" in page
