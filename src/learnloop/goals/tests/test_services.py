"""Goals services: validation names the field, repeats are stored once, one open help request."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from learnloop.goals import services
from learnloop.goals.models import (
    Goal,
    GoalKind,
    GoalStatus,
    HelpRequest,
    Reflection,
    SelfAssessment,
)
from learnloop.goals.services import (
    GoalError,
    abandon_goal,
    achieve_goal,
    add_reflection,
    ask_for_help,
    cosign_goal,
    create_goal,
    plain_text,
    rate_standard,
    request_cosign,
    resolve_help_request,
)
from learnloop.goals.tests.factories import CODE, goal_of, habit_of, in_days
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.standards.models import Standard
from learnloop.testing.world import World


def goal_args(lw: LearningWorld, **overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "kind": GoalKind.STANDARDS,
        "title": "Show unit rates",
        "target_on": in_days(14),
        "client_id": uuid.uuid4(),
        "standards": [lw.standards[CODE]],
    }
    return args | overrides


def test_a_standards_goal_keeps_its_standards(world: World, lw: LearningWorld) -> None:
    goal = create_goal(student=world.student, **goal_args(lw, title="  Show \x07unit rates \r\n"))
    assert goal.title == "Show unit rates"
    assert goal.status == GoalStatus.ACTIVE and goal.weekly_minutes is None
    assert list(goal.standards.all()) == [lw.standards[CODE]]


def test_the_same_client_id_is_stored_once(world: World, lw: LearningWorld) -> None:
    args = goal_args(lw)
    first = create_goal(student=world.student, **args)
    again = create_goal(student=world.student, **(args | {"title": "Changed my mind"}))
    assert again.pk == first.pk and again.title == "Show unit rates"
    assert Goal.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"kind": "dream"}, "kind"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"target_on": dt.date(2000, 1, 1)}, "target_on"),
        ({"standards": []}, "standards"),
        ({"kind": GoalKind.HABIT, "standards": [], "weekly_minutes": None}, "weekly_minutes"),
        ({"kind": GoalKind.HABIT, "standards": [], "weekly_minutes": 0}, "weekly_minutes"),
        ({"kind": GoalKind.HABIT, "standards": [], "weekly_minutes": 1201}, "weekly_minutes"),
    ],
)
def test_bad_goals_name_the_field(
    world: World, lw: LearningWorld, overrides: dict[str, Any], field: str
) -> None:
    with pytest.raises(GoalError) as caught:
        create_goal(student=world.student, **goal_args(lw, **overrides))
    assert caught.value.field == field
    assert not Goal.objects.exists()


def test_target_date_today_is_refused(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    with pytest.raises(GoalError, match="target_on: Target date"):
        create_goal(student=world.student, now=now, **goal_args(lw, target_on=now.date()))


def test_standards_must_come_from_the_students_classes(world: World, lw: LearningWorld) -> None:
    parent = lw.standards[CODE].parent
    assert parent is not None
    with pytest.raises(GoalError) as caught:  # a cluster, not a leaf the student practices
        create_goal(student=world.student, **goal_args(lw, standards=[parent]))
    assert caught.value.field == "standards"
    with pytest.raises(GoalError):  # the other class follows no framework
        create_goal(student=world.other_student, **goal_args(lw))


def test_a_habit_goal_drops_standards(world: World, lw: LearningWorld) -> None:
    goal = create_goal(
        student=world.student, **goal_args(lw, kind=GoalKind.HABIT, weekly_minutes=45)
    )
    assert goal.weekly_minutes == 45 and not goal.standards.exists()


def test_achieve_and_let_go(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world, "a")
    achieve_goal(goal=goal)
    achieve_goal(goal=goal)  # again: nothing changes
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACHIEVED and goal.closed_at is not None
    with pytest.raises(GoalError, match="already achieved"):
        abandon_goal(goal=goal)
    other = goal_of(world, "b")
    abandon_goal(goal=other)
    other.refresh_from_db()
    assert other.status == GoalStatus.ABANDONED


def test_cosign_request_then_cosign(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    asked = timezone.now() - dt.timedelta(hours=2)
    request_cosign(goal=goal, now=asked)
    request_cosign(goal=goal)  # asking again keeps the first time
    goal.refresh_from_db()
    assert goal.cosign_requested_at == asked and goal.cosign_pending
    cosign_goal(goal=goal, teacher=world.teacher, comment=" Go for it! ")
    cosign_goal(goal=goal, teacher=world.other_teacher, comment="second")
    goal.refresh_from_db()
    assert goal.cosigned_by == world.teacher and goal.cosign_comment == "Go for it!"
    assert not goal.cosign_pending


def test_cosign_checks_comment_and_status(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    with pytest.raises(GoalError) as caught:
        cosign_goal(goal=goal, teacher=world.teacher, comment="x" * 301)
    assert caught.value.field == "comment"
    abandon_goal(goal=goal)
    for write in (
        lambda: cosign_goal(goal=goal, teacher=world.teacher),
        lambda: request_cosign(goal=goal),
    ):
        with pytest.raises(GoalError) as caught:
            write()
        assert caught.value.field == "status"
    goal.refresh_from_db()
    assert goal.cosigned_at is None and goal.cosign_requested_at is None


def test_reflections_on_a_goal_and_on_the_week(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    client_id = uuid.uuid4()
    on_goal = add_reflection(student=world.student, goal=goal, text="Tables", client_id=client_id)
    repeat = add_reflection(student=world.student, goal=goal, text="Other", client_id=client_id)
    assert repeat.pk == on_goal.pk and Reflection.objects.count() == 1
    thursday = dt.datetime(2026, 11, 26, 15, 0, tzinfo=dt.UTC)
    week = add_reflection(
        student=world.student, text="Good week", client_id=uuid.uuid4(), now=thursday
    )
    assert week.goal is None and week.week_of == dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "owner", "field"),
    [(" \x00 ", "student", "text"), ("x" * 2001, "student", "text"), ("ok", "other", "goal")],
)
def test_bad_reflections_name_the_field(
    world: World, lw: LearningWorld, text: str, owner: str, field: str
) -> None:
    goal = goal_of(world) if owner == "student" else habit_of(world, student=world.other_student)
    with pytest.raises(GoalError) as caught:
        add_reflection(student=world.student, goal=goal, text=text, client_id=uuid.uuid4())
    assert caught.value.field == field
    assert not Reflection.objects.exists()


def test_ratings_keep_their_history(world: World, lw: LearningWorld) -> None:
    standard = lw.standards[CODE]
    client_id = uuid.uuid4()
    first = rate_standard(student=world.student, standard=standard, rating=2, client_id=client_id)
    again = rate_standard(student=world.student, standard=standard, rating=4, client_id=client_id)
    later = rate_standard(
        student=world.student, standard=standard, rating=3, client_id=uuid.uuid4()
    )
    assert again.pk == first.pk and again.rating == 2
    assert list(SelfAssessment.objects.values_list("rating", flat=True)) == [3, 2]
    assert later.rating == 3


@pytest.mark.parametrize(("rating", "field"), [(0, "rating"), (5, "rating"), (3, "standard")])
def test_bad_ratings_name_the_field(
    world: World, lw: LearningWorld, rating: int, field: str
) -> None:
    standard: Standard = lw.standards[CODE] if field == "rating" else lw.standards[CODE].parent
    with pytest.raises(GoalError) as caught:
        rate_standard(
            student=world.student, standard=standard, rating=rating, client_id=uuid.uuid4()
        )
    assert caught.value.field == field


def test_the_database_refuses_a_rating_outside_one_to_four(world: World, lw: LearningWorld) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        SelfAssessment.objects.create(
            student=world.student,
            standard=lw.standards[CODE],
            client_id=uuid.uuid4(),
            rating=7,
            created_at=timezone.now(),
        )


def test_one_open_help_request_at_a_time(world: World, lw: LearningWorld) -> None:
    first, created = ask_for_help(student=world.student, message="Stuck")
    second, created_again = ask_for_help(student=world.student, message="Still stuck")
    assert created and not created_again and second.pk == first.pk
    assert HelpRequest.objects.count() == 1
    resolve_help_request(help_request=first, by=world.teacher)
    resolved_at = first.resolved_at
    resolve_help_request(help_request=first, by=world.other_teacher)  # again: unchanged
    first.refresh_from_db()
    assert first.resolved_by == world.teacher and first.resolved_at == resolved_at
    third, created_third = ask_for_help(student=world.student)
    assert created_third and third.pk != first.pk


def test_the_database_holds_one_open_request(world: World, lw: LearningWorld) -> None:
    ask_for_help(student=world.student)
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpRequest.objects.create(student=world.student, created_at=timezone.now())


def test_a_simultaneous_tap_returns_the_winner(
    world: World, lw: LearningWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    winner, _ = ask_for_help(student=world.student, message="first tap")
    seen: list[object] = []
    real = services.open_help_request

    def not_yet_visible(student: object) -> HelpRequest | None:
        seen.append(student)
        return None if len(seen) == 1 else real(student)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "open_help_request", not_yet_visible)
    raced, created = ask_for_help(student=world.student, message="second tap")
    assert raced.pk == winner.pk and not created
    assert HelpRequest.objects.count() == 1


def test_help_message_too_long_names_the_field(world: World, lw: LearningWorld) -> None:
    with pytest.raises(GoalError) as caught:
        ask_for_help(student=world.student, message="x" * 281)
    assert caught.value.field == "message"


def test_habit_factory_and_plain_text(world: World, lw: LearningWorld) -> None:
    assert habit_of(world).pk == habit_of(world).pk
    assert plain_text("a\r\nb\rc\x1bd\t") == "a\nb\ncd"
