"""Conference services: requests, the agenda from real data, statuses, idempotency."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from learnloop.conferences.agenda import AgendaFacts, GoalFact
from learnloop.conferences.models import AgreedAction, Conference, ConferenceNote, Status
from learnloop.conferences.selectors import FACT_SOURCES
from learnloop.conferences.services import (
    ConferenceError,
    add_action,
    add_note,
    close_conference,
    complete_action,
    hold_conference,
    refresh_agenda,
    request_conference,
    schedule_conference,
)
from learnloop.conferences.tests.helpers import answer
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def new_conference(world: World, **kwargs: object) -> Conference:
    return request_conference(
        student=world.student,
        teacher=world.teacher,
        requested_by=world.student,
        topic=str(kwargs.pop("topic", "Ratios")),
        client_id=uuid.uuid4(),
        **kwargs,
    )


def test_the_agenda_lists_struggles_from_practice(world: World, lw: LearningWorld) -> None:
    answer(world.student, lw.items[0], correct=False, times=4)
    conference = new_conference(world, topic="I keep getting unit price wrong")
    kinds = [line["kind"] for line in conference.agenda]
    assert kinds == ["topic", "struggle"]
    assert conference.agenda[1]["code"] == "6.RP.A.2"
    assert "4 wrong answers in the last 14 days" in conference.agenda[1]["text"]


def test_registered_fact_sources_feed_the_agenda(world: World, lw: LearningWorld) -> None:
    def goals(student: object, now: dt.datetime, scope: object) -> AgendaFacts:
        return AgendaFacts(goals=[GoalFact("Master unit rates")])

    with FACT_SOURCES.lent(goals):
        conference = new_conference(world, topic="")
    assert [line["text"] for line in conference.agenda] == ["Goal: Master unit rates"]


def test_only_the_students_own_teacher_can_be_asked(world: World) -> None:
    with pytest.raises(ConferenceError) as error:
        request_conference(
            student=world.student,
            teacher=world.other_teacher,
            requested_by=world.student,
            topic="x",
            client_id=uuid.uuid4(),
        )
    assert error.value.field == "teacher"


def test_a_repeated_request_is_stored_once(world: World) -> None:
    key = uuid.uuid4()
    for _ in range(2):
        request_conference(
            student=world.student,
            teacher=world.teacher,
            requested_by=world.student,
            topic="x",
            client_id=key,
        )
    assert Conference.objects.count() == 1


def test_statuses_move_forward_only(world: World) -> None:
    conference = new_conference(world)
    assert conference.status == Status.REQUESTED
    schedule_conference(conference=conference, scheduled_at=timezone.now(), place="Room 4")
    assert conference.status == Status.SCHEDULED
    hold_conference(conference=conference)
    hold_conference(conference=conference)  # a repeated click is harmless
    assert conference.status == Status.HELD and conference.held_at is not None
    with pytest.raises(ConferenceError, match="held conference cannot become scheduled"):
        schedule_conference(conference=conference, scheduled_at=timezone.now())
    with pytest.raises(ConferenceError):
        refresh_agenda(conference=conference)
    close_conference(conference=conference)
    conference.refresh_from_db()
    assert conference.status == Status.CLOSED and conference.closed_at is not None
    with pytest.raises(ConferenceError, match="closed"):
        add_note(
            conference=conference,
            author=world.teacher,
            text="late",
            visibility="shared",
            client_id=uuid.uuid4(),
        )


def test_closing_needs_a_held_conference(world: World) -> None:
    conference = new_conference(world)
    with pytest.raises(ConferenceError, match="requested conference cannot become closed"):
        close_conference(conference=conference)


def test_notes_and_actions_are_idempotent_and_validated(world: World, lw: LearningWorld) -> None:
    conference = new_conference(world)
    key = uuid.uuid4()
    for _ in range(2):
        add_note(
            conference=conference,
            author=world.teacher,
            text="hi",
            visibility="shared",
            client_id=key,
        )
        add_action(
            conference=conference, owner="student", title="", activity=lw.practice, client_id=key
        )
    assert ConferenceNote.objects.count() == 1
    action = AgreedAction.objects.get()
    assert action.title == lw.practice.title  # the activity names an untitled action
    with pytest.raises(ConferenceError) as error:
        add_action(conference=conference, owner="student", title=" ", client_id=uuid.uuid4())
    assert error.value.field == "title"
    with pytest.raises(ConferenceError) as error:
        add_note(
            conference=conference,
            author=world.teacher,
            text="x",
            visibility="shared",
            level=3,
            client_id=uuid.uuid4(),
        )
    assert error.value.field == "standard"


def test_completing_an_action_records_who_and_when_once(world: World) -> None:
    conference = new_conference(world)
    action = add_action(
        conference=conference, owner="teacher", title="Call", client_id=uuid.uuid4()
    )
    complete_action(action=action, by=world.teacher)
    first = action.done_at
    complete_action(action=action, by=world.student)
    action.refresh_from_db()
    assert action.done_at == first and action.done_by == world.teacher
