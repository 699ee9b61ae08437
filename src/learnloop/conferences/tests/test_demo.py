"""The demo seed step: Maya's held conference and observations, idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.conferences.models import AgreedAction, Conference, ConferenceNote
from learnloop.demo.seed import seed_demo
from learnloop.gradebook.models import Observation
from learnloop.learning.selectors import board_for_student

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Conference, ConferenceNote, AgreedAction, Observation)
    )


def test_maya_has_a_held_conference_and_reruns_change_nothing() -> None:
    seed_demo()
    first = counts()
    seed_demo()
    assert counts() == first == (1, 2, 2, 2)
    conference = Conference.objects.get()
    assert (conference.student.username, conference.teacher.username) == ("maya", "rivera")
    assert conference.status == "held" and conference.agenda
    assert sorted(conference.notes.values_list("visibility", flat=True)) == ["private", "shared"]
    student_action = conference.actions.get(owner="student")
    assert student_action.activity is not None and student_action.activity.kind == "practice"
    maya = User.objects.get(username="maya")
    board = board_for_student(maya, timezone.now())
    assert board[0].key == f"conference-action-{student_action.pk}"
    assert "Elena Rivera agreed" in board[0].reason
