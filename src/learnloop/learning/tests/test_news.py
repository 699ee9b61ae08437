"""Students hear back: a help request marked helped, a goal co-signed, work scored or
commented on, each shows on My learning as news with an unread state."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from learnloop.goals.models import GoalKind
from learnloop.goals.services import ask_for_help, cosign_goal, create_goal, resolve_help_request
from learnloop.learning.models import NewsKind, StudentNews
from learnloop.learning.tests.fixtures import client_for
from learnloop.portfolio.services import add_feedback, score_artifact
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.portfolio.tests.test_services import levels_by_points
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def test_each_teacher_act_becomes_news_the_student_reads(world: World) -> None:
    pw = portfolio_world(world)
    request, _ = ask_for_help(student=world.student, message="Stuck on rates")
    resolve_help_request(help_request=request, by=world.teacher)
    resolve_help_request(help_request=request, by=world.teacher)  # again: no second news
    goal = create_goal(student=world.student, kind=GoalKind.HABIT, title="Practice daily",
                       target_on=timezone.localdate() + dt.timedelta(days=20),
                       client_id=uuid.uuid4(), weekly_minutes=60)  # fmt: skip
    cosign_goal(goal=goal, teacher=world.teacher)
    points = {"Uses unit rates": 3, "Communicates": 3}
    score_artifact(artifact=pw.shared, scorer=world.teacher,
                   levels=levels_by_points(pw.shared, points))  # fmt: skip
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(),
                 text="Clear table")  # fmt: skip
    kinds = list(StudentNews.objects.filter(student=world.student).values_list("kind", flat=True))
    assert sorted(kinds) == sorted(
        [NewsKind.HELPED, NewsKind.COSIGNED, NewsKind.SCORED, NewsKind.COMMENTED]
    )
    assert not StudentNews.objects.filter(student=world.other_student).exists()

    client = client_for(world.student)
    html = client.get(reverse("learning_home")).content.decode()
    name = world.teacher.name
    assert f"{name} marked your help request as helped" in html
    assert f"{name} co-signed your goal: Practice daily" in html
    assert f"{name} scored {pw.shared.title}" in html and ": Proficient" in html
    assert f"{name} commented on {pw.shared.title}" in html
    assert html.count("news-badge") == 4 and "Mark all as read" in html
    assert "0\xa0minutes ago" not in html and "0 minutes ago" not in html  # "now", as help says

    response = client.post(reverse("learning_news_read"))
    assert response.status_code == 302
    html = client.get(reverse("learning_home")).content.decode()
    assert "news-badge" not in html and "Mark all as read" not in html
    assert f"{name} marked your help request as helped" in html  # still listed, read


def test_news_is_read_only_by_its_student(world: World) -> None:
    pw = portfolio_world(world)
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(), text="Nice")
    client_for(world.other_student).post(reverse("learning_news_read"))
    assert StudentNews.objects.get(student=world.student).read_at is None
    other = client_for(world.other_student).get(reverse("learning_home")).content.decode()
    assert "commented on" not in other
