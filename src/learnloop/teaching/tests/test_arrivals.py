"""The dashboard's latest answers: newest arrivals first, with the time each was given,
and for an answer practiced offline and synced later, when it arrived."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.learning.answering.batch import answer_batch
from learnloop.learning.answering.batch_parsing import batch_from_json
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.teaching.arrivals import arrivals_for_students, regraded_for_students
from learnloop.teaching.tests.helpers import answer
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def _sync_one(
    student: User,
    lw: LearningWorld,
    answered: dt.datetime,
    now: dt.datetime,
    *,
    given: str = "3",
    client_correct: bool | None = None,
) -> None:
    entry = {
        "client_id": str(uuid.uuid4()),
        "item": lw.items[1].pk,
        "answer": given,
        "client_time": answered.isoformat(),
        "activity": lw.practice.pk,
        "client_correct": client_correct,
    }
    answer_batch(student=student, answers=batch_from_json({"answers": [entry]}), now=now)


def test_arrivals_come_newest_first_with_their_original_times(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    answer(world.student, lw, False, when=now - dt.timedelta(minutes=10))
    offline = now - dt.timedelta(hours=5)
    _sync_one(world.student, lw, offline, now - dt.timedelta(minutes=2))
    arrivals = arrivals_for_students([world.student], now)
    assert [(a.answered_at, a.synced_late, a.correct) for a in arrivals] == [
        (offline, True, True),  # arrived last, though answered first
        (now - dt.timedelta(minutes=10), False, False),
    ]
    assert arrivals[0].received_at == now - dt.timedelta(minutes=2)


def test_the_dashboard_shows_both_times_of_a_synced_answer(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    _sync_one(world.student, lw, now - dt.timedelta(hours=5), now)
    client = Client()
    client.force_login(world.teacher)
    page = client.get(reverse("teaching_class_dashboard", args=[world.classroom.pk]))
    html = page.content.decode()
    assert 'id="arrivals-heading"' in html
    section = html.split('id="arrivals-heading"', 1)[1].split("</section>", 1)[0]
    assert world.student.name in section
    assert "synced" in section and "practiced offline" in section
    assert section.count("<time ") == 2
    # One sentence in the catalogue, so Spanish orders it whole (not "answered" + ", synced").
    client.post(reverse("choose_language"), {"language": "es", "next": "/"})
    html = client.get(reverse("teaching_class_dashboard", args=[world.classroom.pk])).content
    section = html.decode().split('id="arrivals-heading"', 1)[1].split("</section>", 1)[0]
    assert "respondida el <time " in section and "(practicada sin conexión)" in section
    assert section.count("<time ") == 2


def test_no_answers_says_so(world: World, lw: LearningWorld) -> None:
    client = Client()
    client.force_login(world.teacher)
    page = client.get(reverse("teaching_class_dashboard", args=[world.classroom.pk]))
    assert "No answers from this class in the last 30 days." in page.content.decode()


def test_answers_regraded_on_sync_this_week_are_counted_on_the_dashboard(
    world: World, lw: LearningWorld
) -> None:
    now = timezone.now()
    hour = dt.timedelta(hours=1)
    _sync_one(world.student, lw, now - hour, now, given="9", client_correct=True)  # regraded
    _sync_one(world.student, lw, now - hour, now, given="3", client_correct=False)  # regraded
    _sync_one(world.student, lw, now - hour, now, given="3", client_correct=True)  # agreed
    _sync_one(world.student, lw, now - hour, now, given="9")  # deferred: no mark to compare
    last_week = now - dt.timedelta(days=8)
    _sync_one(world.student, lw, last_week - hour, last_week, given="9", client_correct=True)
    answer(world.student, lw, False, when=now - hour)  # online: no browser mark
    assert regraded_for_students([world.student], now) == 2
    assert regraded_for_students([world.other_student], now) == 0
    client = Client()
    client.force_login(world.teacher)
    html = client.get(reverse("teaching_class_dashboard", args=[world.classroom.pk])).content
    section = html.decode().split('id="arrivals-heading"', 1)[1].split("</section>", 1)[0]
    assert "2 offline answers regraded differently this week" in section


def test_no_regrade_no_line(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    _sync_one(world.student, lw, now - dt.timedelta(hours=1), now, client_correct=True)
    client = Client()
    client.force_login(world.teacher)
    html = client.get(reverse("teaching_class_dashboard", args=[world.classroom.pk])).content
    assert "regraded differently" not in html.decode()
