"""Goals reads: progress from evidence, the self-assessment card, the teacher's inbox."""

from __future__ import annotations

import datetime as dt
import uuid

from django.utils import timezone

from learnloop.engine.levels import Level
from learnloop.goals.selectors import (
    goals_for_student,
    self_assessment_for,
    standard_choices_for_student,
    teacher_inbox_for,
)
from learnloop.goals.services import (
    add_reflection,
    ask_for_help,
    request_cosign,
)
from learnloop.goals.tests.factories import CODE, goal_of, habit_of, rate_in_order
from learnloop.learning.answering.service import record_response
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.teaching.tests.helpers import answer
from learnloop.testing.world import World


def test_habit_progress_counts_the_last_seven_days(world: World, lw: LearningWorld) -> None:
    habit_of(world, minutes=30)
    now = timezone.now()
    for days, seconds in ((2, 600), (6, 300), (9, 900)):
        record_response(
            student=world.student,
            item_id=lw.items[0].pk,
            client_id=uuid.uuid4(),
            answer="3",
            seconds=seconds,
            now=now - dt.timedelta(days=days),
        )
    (view,) = goals_for_student(world.student, now=now)
    assert view.progress.text == "15 of 30 minutes in the last 7 days"
    assert view.progress.percent == 50 and not view.suggest_achieved


def test_standards_progress_follows_the_engine(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    (before,) = goals_for_student(world.student)
    assert before.progress.fraction == 0 and before.standards[0].level == Level.NOT_STARTED
    for _ in range(8):
        answer(world.student, lw, True)
    (after,) = goals_for_student(world.student, with_reflections=True)
    assert after.goal == goal and after.progress.complete and after.suggest_achieved
    assert after.standards[0].level >= Level.PROFICIENT


def test_self_assessment_card_keeps_history_newest_first(world: World, lw: LearningWorld) -> None:
    standard = lw.standards[CODE]
    rate_in_order(world.student, standard, [1, 3])
    card = self_assessment_for(world.student, standard)
    assert [entry.rating for entry in card.history] == [3, 1]
    assert card.current_words == "I can on my own" and card.engine_step == 1
    assert card.note is not None and "you haven't practiced this yet" in card.note
    assert self_assessment_for(world.other_student, standard).current is None


def test_standard_choices_match_code_or_words(world: World, lw: LearningWorld) -> None:
    codes = [s.code for s in standard_choices_for_student(world.student, "beaks WINGS")]
    assert codes == ["6.RP.A.1"]
    kept = lw.standards[CODE].pk
    both = standard_choices_for_student(world.student, "beaks wings", keep=[kept])
    assert [s.code for s in both] == ["6.RP.A.1", CODE]
    assert standard_choices_for_student(world.other_student) == []


def test_teacher_inbox_counts_only_their_students(world: World, lw: LearningWorld) -> None:
    goal = goal_of(world)
    request_cosign(goal=goal)
    ask_for_help(student=world.student, message="Help")
    ask_for_help(student=world.other_student, message="Other class")
    old = timezone.now() - dt.timedelta(days=10)
    add_reflection(student=world.student, text="Old", client_id=uuid.uuid4(), now=old)
    add_reflection(student=world.student, goal=goal, text="New", client_id=uuid.uuid4())
    inbox = teacher_inbox_for(world.teacher)
    assert (inbox.help_count, inbox.cosign_count, inbox.reflection_count) == (1, 1, 1)
    assert [h.message for h in inbox.help_latest] == ["Help"]
    assert [r.text for r in inbox.reflections_latest] == ["New", "Old"]
    other = teacher_inbox_for(world.other_teacher)
    assert other.help_count == 1 and other.cosign_count == 0 and not other.reflections_latest
    assert not other.empty
    assert teacher_inbox_for(world.admin).empty
