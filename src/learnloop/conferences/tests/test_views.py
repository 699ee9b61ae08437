"""Conference pages through the test client: privacy of notes, the board, forms, queries."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from learnloop.conferences.integrations import conference_commitments
from learnloop.conferences.models import AgreedAction, Conference, ConferenceNote, Owner
from learnloop.conferences.selectors import open_actions_for_student
from learnloop.conferences.services import add_action, request_conference
from learnloop.conferences.tests.factories import action_of, conference_for
from learnloop.conferences.tests.helpers import client_for
from learnloop.goals.models import GoalKind
from learnloop.goals.services import abandon_goal, add_reflection, ask_for_help, create_goal
from learnloop.learning.selectors import board_for_student
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db
SECRET = "SECRET worried about home situation"


def test_private_notes_are_never_shown_to_the_student_guardian_or_admin(world: World) -> None:
    conference = conference_for(world)
    pages = [
        f"/conferences/{conference.pk}/",
        f"/conferences/students/{world.student.pk}/",
    ]
    for user in (world.student, world.guardian, world.admin):
        for url in [*pages, "/conferences/"] if user == world.student else pages:
            body = client_for(user).get(url).content.decode()
            assert "Sam explained ratios" in body, (user, url)
            assert SECRET not in body, (user, url)
            assert "Private note" not in body
    for url in pages:
        assert SECRET in client_for(world.teacher).get(url).content.decode()


def test_the_students_action_is_first_on_their_board_until_done(
    world: World, lw: LearningWorld
) -> None:
    conference_for(world)
    board = board_for_student(world.student, timezone.now())
    assert board[0].kind == "action"
    assert board[0].title == "Practice 6.RP.A.2 — 10 items"
    assert board[0].activity_id == lw.practice.pk
    assert board[0].reason.startswith("You and Tina Teacher agreed on this in your conference")
    assert all(option.title != "Find a video on ratios" for option in board)
    body = client_for(world.student).get("/").content.decode()
    first_option = body.index("board__option--")
    assert body[first_option:].startswith("board__option--action")
    assert "Practice 6.RP.A.2 — 10 items" in body[first_option : first_option + 400]
    action = action_of(world, Owner.STUDENT)
    response = client_for(world.student).post(f"/conferences/actions/{action.pk}/done/")
    assert response.status_code == 302
    board = board_for_student(world.student, timezone.now())
    assert all(option.kind != "action" for option in board)


def test_the_teachers_todo_lists_their_actions_and_only_they_complete_them(world: World) -> None:
    conference_for(world)
    action = action_of(world, Owner.TEACHER)
    assert (
        "Find a video on ratios"
        in client_for(world.teacher).get("/conferences/todo/").content.decode()
    )
    assert (
        "Find a video"
        not in client_for(world.other_teacher).get("/conferences/todo/").content.decode()
    )
    assert (
        client_for(world.student).post(f"/conferences/actions/{action.pk}/done/").status_code == 403
    )
    response = client_for(world.teacher).post(
        f"/conferences/actions/{action.pk}/done/", {"next": "/conferences/todo/"}
    )
    assert response["Location"] == "/conferences/todo/"
    assert (
        "Find a video" not in client_for(world.teacher).get("/conferences/todo/").content.decode()
    )


def test_a_student_requests_a_conference_with_clear_errors_and_no_duplicates(world: World) -> None:
    client = client_for(world.student)
    empty = client.post(
        "/conferences/request/", {"teacher": world.teacher.pk, "client_id": uuid.uuid4()}
    )
    assert empty.status_code == 400
    assert "I&#x27;d like to talk about: write a few words" in empty.content.decode()
    post = {"teacher": world.teacher.pk, "topic": "Ratios", "client_id": uuid.uuid4()}
    assert client.post("/conferences/request/", post).status_code == 302
    assert client.post("/conferences/request/", post).status_code == 302
    conference = Conference.objects.get()
    assert (conference.status, conference.requested_by) == ("requested", world.student)
    wrong = client.post(
        "/conferences/request/",
        {**post, "teacher": world.other_teacher.pk, "client_id": uuid.uuid4()},
    )
    assert wrong.status_code == 400 and "Teacher:" in wrong.content.decode()
    assert "Ratios" in client_for(world.teacher).get("/conferences/").content.decode()


def test_the_plan_form_says_which_fields_may_stay_empty(world: World) -> None:
    page = client_for(world.teacher).get(f"/conferences/students/{world.student.pk}/new/")
    body = page.content.decode()  # all three may: an empty plan gets a generated agenda
    assert "Topic (optional)" in body and "Place (optional)" in body


def test_the_teacher_runs_a_conference_from_the_page(world: World, lw: LearningWorld) -> None:
    client = client_for(world.teacher)
    plan = {
        "topic": "Check-in",
        "scheduled_at": "2026-12-01T10:30",
        "place": "Room 12",
        "client_id": uuid.uuid4(),
    }
    response = client.post(f"/conferences/students/{world.student.pk}/new/", plan)
    conference = Conference.objects.get()
    assert response["Location"] == f"/conferences/{conference.pk}/"
    assert conference.status == "scheduled" and conference.scheduled_at is not None
    url = f"/conferences/{conference.pk}/"
    bad = client.post(
        f"{url}actions/",
        {"owner": "teacher", "activity": lw.practice.pk, "client_id": uuid.uuid4()},
    )
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "Activity: only a student&#x27;s action can open an activity." in body
    untitled = client.post(f"{url}actions/", {"owner": "student", "client_id": uuid.uuid4()})
    assert "Action: say what will be done, or choose an activity." in untitled.content.decode()
    note = {
        "text": "Good progress",
        "visibility": "shared",
        "standard": lw.standards["6.RP.A.2"].pk,
        "level": 3,
        "client_id": uuid.uuid4(),
    }
    assert client.post(f"{url}notes/", note).status_code == 302
    assert client.post(f"{url}notes/", note).status_code == 302
    assert ConferenceNote.objects.filter(level=3).count() == 1
    assert client.post(f"{url}status/", {"to": "held"}).status_code == 302
    conference.refresh_from_db()
    assert conference.status == "held"
    page = client.get(url).content.decode()
    assert "Close conference" in page and "Mark as held" not in page


def test_the_schedule_form_names_the_field(world: World) -> None:
    conference = conference_for(world)
    response = client_for(world.teacher).post(
        f"/conferences/{conference.pk}/schedule/", {"scheduled_at": "soon"}
    )
    assert response.status_code == 400
    assert "Date and time: enter a date and a time." in response.content.decode()


def _conferences(world: World, lw: LearningWorld, count: int) -> None:
    for index in range(count):
        conference = request_conference(
            student=world.student,
            teacher=world.teacher,
            requested_by=world.teacher,
            topic=f"t{index}",
            client_id=uuid.uuid4(),
        )
        conference.notes.create(
            author=world.teacher,
            client_id=uuid.uuid4(),
            text="n",
            visibility="shared",
            created_at=timezone.now(),
        )
        for owner in ("student", "teacher"):
            AgreedAction.objects.create(
                conference=conference,
                client_id=uuid.uuid4(),
                owner=owner,
                title="a",
                activity=lw.practice,
                created_at=timezone.now(),
            )


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("student", "/conferences/"),
        ("teacher", "/conferences/"),
        ("teacher", "/conferences/todo/"),
        ("teacher", "/conferences/students/{student}/"),
        ("guardian", "/conferences/students/{student}/"),
    ],
)
def test_list_pages_run_the_same_queries_for_one_or_four_conferences(
    world: World, lw: LearningWorld, who: str, url: str, django_assert_num_queries: Any
) -> None:
    client = client_for(getattr(world, who))
    url = url.format(student=world.student.pk)
    _conferences(world, lw, 1)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _conferences(world, lw, 3)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_the_teachers_list_puts_requests_first_then_scheduled_then_held(world: World) -> None:
    from learnloop.conferences.selectors import conferences_for_teacher
    from learnloop.conferences.services import hold_conference, schedule_conference

    made = {}
    for name in ("held", "requested", "scheduled"):
        made[name] = request_conference(
            student=world.student, teacher=world.teacher, requested_by=world.student,
            topic=name, client_id=uuid.uuid4(),
        )  # fmt: skip
    schedule_conference(conference=made["scheduled"], scheduled_at=timezone.now())
    hold_conference(conference=made["held"])
    assert [c.topic for c in conferences_for_teacher(world.teacher)] == [
        "requested",
        "scheduled",
        "held",
    ]


def test_profile_cards_render_for_a_teacher(world: World, lw: LearningWorld) -> None:
    from django.template.loader import render_to_string

    from learnloop.conferences.profile import profile_cards as conference_cards
    from learnloop.gradebook.profile import profile_cards as gradebook_cards

    conference_for(world)

    def rendered(viewer: Any) -> str:
        cards = [
            *conference_cards(student=world.student, viewer=viewer),
            *gradebook_cards(student=world.student, viewer=viewer),
        ]
        return "".join(
            render_to_string(card.template, {"card": card, "student": world.student})
            for card in cards
        )

    body = rendered(world.teacher)
    assert "Find a video on ratios" in body and "Plan a conference" in body
    assert "Record an observation" in body
    assert "Not started" in body and "15 standards" in body
    assert SECRET not in body
    office = rendered(world.admin)  # reads the cards, plans and grades nothing
    assert "Find a video on ratios" in office and "Not started" in office
    assert "Plan a conference" not in office and "Record an observation" not in office


def test_profile_cards_are_registered_when_teaching_is_installed(world: World) -> None:
    from django.apps import apps

    if not apps.is_installed("learnloop.teaching"):
        pytest.skip("the teaching app is not installed")
    from learnloop.teaching.profile_extras import cards_for

    titles = [card.title for card in cards_for(student=world.student, viewer=world.teacher)]
    assert {"Conferences", "Gradebook"} <= set(titles)


def test_board_commitments_are_exactly_the_open_student_actions(
    world: World, lw: LearningWorld
) -> None:
    """The board and the student's page read open actions through one literal statement;
    it must agree with the ORM's reading of the same rule."""
    conference = conference_for(world)
    conference.held_at = timezone.now()
    conference.save()
    add_action(
        conference=conference,
        owner=Owner.STUDENT,
        title="Explain unit rates to a friend",
        due_on=timezone.localdate(),
        client_id=uuid.uuid4(),
    )
    add_action(
        conference=conference,
        owner=Owner.STUDENT,
        title="Try the practice set",
        activity=lw.practice,
        client_id=uuid.uuid4(),
    )
    add_action(
        conference=conference, owner=Owner.TEACHER, title="Find a video", client_id=uuid.uuid4()
    )
    commitments = conference_commitments(world.student, timezone.now())
    actions = open_actions_for_student(world.student)
    orm = list(
        AgreedAction.objects.filter(
            owner=Owner.STUDENT, done_at__isnull=True, conference__student=world.student
        )
        .select_related("conference__teacher", "activity")
        .order_by("due_on", "created_at")
    )
    assert len(orm) >= 3 and any(a.activity_id is None for a in orm)
    assert [(a.pk, a.title, a.due_on, a.owner, a.conference_id) for a in actions] == [
        (a.pk, a.title, a.due_on, a.owner, a.conference_id) for a in orm
    ]
    assert [a.activity and a.activity.title for a in actions] == [
        a.activity and a.activity.title for a in orm
    ]
    assert [(a.conference.held_at, a.conference.teacher.name) for a in actions] == [
        (a.conference.held_at, a.conference.teacher.name) for a in orm
    ]
    assert [c.key for c in commitments] == [f"conference-action-{a.pk}" for a in actions]
    assert [c.title for c in commitments] == [a.title for a in actions]
    assert [c.activity_id for c in commitments] == [a.activity_id for a in actions]
    assert all(world.teacher.name in c.reason for c in commitments)
    assert any(c.due is not None and "Due" in c.reason for c in commitments)
    assert conference_commitments(world.other_student, timezone.now()) == []


@pytest.mark.django_db
def test_the_agenda_is_drawn_for_its_reader(world: World) -> None:
    """Help, reflections and let-go goals are the class's; family and the office get the
    topic and the goals still standing (privacy.rules, conferences.reading)."""

    def goal(title: str) -> Any:
        return create_goal(
            student=world.student, kind=GoalKind.HABIT, title=title, weekly_minutes=30,
            target_on=timezone.now().date() + dt.timedelta(days=30), client_id=uuid.uuid4(),
        )  # fmt: skip

    goal("Standing goal")
    dropped = goal("Dropped goal")
    add_reflection(student=world.student, text="Reflection words", client_id=uuid.uuid4())
    ask_for_help(student=world.student, message="Help words")
    conference = request_conference(
        student=world.student, teacher=world.teacher, requested_by=world.student,
        topic="Topic words", client_id=uuid.uuid4(),
    )  # fmt: skip
    abandon_goal(goal=dropped)
    url = reverse("conferences_detail", args=[conference.pk])
    private = ("Dropped goal", "Reflection words", "Help words")
    for person in (world.student, world.teacher):
        page = client_for(person).get(url).content.decode()
        assert all(words in page for words in (*private, "Standing goal", "Topic words"))
    for person in (world.guardian, world.admin):
        page = client_for(person).get(url).content.decode()
        assert "Standing goal" in page and "Topic words" in page
        assert not any(words in page for words in private), person.username


def test_the_family_page_speaks_to_the_family_about_the_action(
    world: World, lw: LearningWorld
) -> None:
    conference_for(world)
    body = client_for(world.guardian).get(f"/family/students/{world.student.pk}/").content
    page = body.decode()
    assert "Tina Teacher agreed on this in their conference" in page
    assert "You and Tina Teacher" not in page


def test_an_agenda_made_in_english_reads_in_the_readers_language(world: World) -> None:
    """docs/conferences.md, "The reader's language": facts are stored, words are drawn."""
    create_goal(
        student=world.student, kind=GoalKind.HABIT, title="Read every day", weekly_minutes=30,
        target_on=dt.date(2027, 1, 15), client_id=uuid.uuid4(),
        now=dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC),
    )  # fmt: skip
    conference = request_conference(
        student=world.student, teacher=world.teacher, requested_by=world.teacher,
        topic="ratios", client_id=uuid.uuid4(),
    )  # fmt: skip
    url = reverse("conferences_detail", args=[conference.pk])
    english = client_for(world.teacher).get(url).content.decode()
    assert (
        "Asked to talk about: ratios" in english
        and "Goal: Read every day (by 15 Jan, 0% there)" in english
    )
    world.student.language = "es"
    world.student.save(update_fields=["language"])
    spanish = client_for(world.student).get(url).content.decode()
    assert "Quiere hablar de: ratios" in spanish
    assert "Meta: Read every day (para el 15 de ene., al 0%)" in spanish
    assert "Asked to talk about" not in spanish and "as written" not in spanish
    Conference.objects.filter(pk=conference.pk).update(
        agenda=[{"kind": "goal", "text": "Goal: Read every day (by Jan 15)"}]  # stored before facts
    )
    older = client_for(world.student).get(url).content.decode()
    assert "Goal: Read every day (by Jan 15)" in older
    assert "tal como se escribió al preparar la agenda" in older


def test_a_conference_held_without_a_time_says_when_it_was_held_not_that_a_time_is_due(
    world: World,
) -> None:
    from learnloop.conferences.services import hold_conference

    conference = request_conference(
        student=world.student, teacher=world.teacher, requested_by=world.student,
        topic="fractions", client_id=uuid.uuid4(),
    )  # fmt: skip
    waiting = client_for(world.teacher).get(f"/conferences/{conference.pk}/").content.decode()
    assert "No time chosen yet" in waiting
    held_on = dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC)
    hold_conference(conference=conference, now=held_on)
    for user in (world.teacher, world.student):
        body = client_for(user).get(f"/conferences/{conference.pk}/").content.decode()
        assert 'conf-status--held">Held</span>' in body
        assert "No time chosen yet" not in body
        assert "marked held on 3 Dec 2026" in body
    listed = client_for(world.teacher).get("/conferences/").content.decode()
    assert "held 3 Dec 2026" in listed and "not yet" not in listed
