"""Placement writes: assigning, taking a check to its end, and the seeded estimates."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from learnloop.content.models import Item, Status
from learnloop.learning.answering.service import record_response
from learnloop.learning.engine_state import active_model
from learnloop.learning.models import MasteryState
from learnloop.learning.pack import packable_entries
from learnloop.learning.services import rebuild_mastery
from learnloop.learning.tests.fixtures import learning_world
from learnloop.placement.models import PlacementAttempt
from learnloop.placement.services import (
    PlacementError,
    answer_placement,
    assign_placement_check,
    seed_placement_estimates,
    start_placement,
)
from learnloop.placement.tests.factories import ANSWER, placement_check
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def take_to_the_end(world: World, *, knows: bool) -> PlacementAttempt:
    attempt = start_placement(student=world.student, check=placement_check(world))
    for _ in range(40):
        if attempt.finished_at is not None:
            return attempt
        attempt = answer_placement(
            attempt=attempt,
            item_id=attempt.current_item_id,
            answer=str(ANSWER) if knows else None,
            not_yet=not knows,
        )
    raise AssertionError("the check never ended")


def test_a_check_is_only_for_a_framework_the_class_follows(world: World) -> None:
    other = learning_world(world).framework
    world.other_classroom.frameworks.remove(other)
    with pytest.raises(PlacementError) as refused:
        assign_placement_check(
            assigned_by=world.other_teacher, classroom=world.other_classroom, framework=other
        )
    assert refused.value.field == "framework"


def test_a_check_for_one_student_must_name_a_student_of_the_class(world: World) -> None:
    framework = learning_world(world).framework
    with pytest.raises(PlacementError) as refused:
        assign_placement_check(
            assigned_by=world.teacher,
            classroom=world.classroom,
            framework=framework,
            student=world.other_student,
        )
    assert refused.value.field == "student"


def test_starting_twice_gives_the_same_attempt_with_a_first_question(world: World) -> None:
    check = placement_check(world)
    first = start_placement(student=world.student, check=check)
    again = start_placement(student=world.student, check=check)
    assert first.pk == again.pk and first.current_item_id is not None


def test_a_student_who_knows_it_all_is_placed_in_few_questions(world: World) -> None:
    attempt = take_to_the_end(world, knows=True)
    leaves = len(attempt.estimates)
    assert len(attempt.answers) <= leaves // 2
    assert all(p >= 0.5 for p in attempt.estimates.values())
    seeded = MasteryState.objects.filter(student=world.student)
    assert seeded.count() == leaves
    assert all(row.attempts == 0 and row.mastery >= 0.5 for row in seeded)


def test_not_yet_places_a_student_at_the_start(world: World) -> None:
    attempt = take_to_the_end(world, knows=False)
    assert all(a["outcome"] == "not_yet" for a in attempt.answers)
    assert all(p < 0.5 for p in attempt.estimates.values())


def test_an_empty_answer_is_refused_and_an_old_question_changes_nothing(world: World) -> None:
    attempt = start_placement(student=world.student, check=placement_check(world))
    with pytest.raises(PlacementError) as refused:
        answer_placement(attempt=attempt, item_id=attempt.current_item_id, answer="", not_yet=False)
    assert refused.value.field == "answer"
    first_item = attempt.current_item_id
    answered = answer_placement(attempt=attempt, item_id=first_item, answer="7", not_yet=False)
    again = answer_placement(attempt=answered, item_id=first_item, answer="7", not_yet=False)
    assert len(again.answers) == 1


def test_practice_outranks_placement(world: World) -> None:
    standard = learning_world(world).standards["6.RP.A.2"]
    MasteryState.objects.create(
        student=world.student,
        standard=standard,
        skill_state={"skill_id": str(standard.pk), "mastery": 0.9},
        mastery=0.9,
        attempts=4,
        updated_at=placement_check(world).created_at,
    )
    seeded = seed_placement_estimates(
        student_id=world.student.pk,
        estimates={str(standard.pk): 0.1},
        when=placement_check(world).created_at,
    )
    assert seeded == 0
    assert MasteryState.objects.get(student=world.student, standard=standard).mastery == 0.9


def test_placement_questions_never_enter_an_offline_pack(world: World) -> None:
    """The check's items are secure; the practice pack leaves every secure item out."""
    check = placement_check(world)
    attempt = start_placement(student=world.student, check=check)
    practice = learning_world(world).practice
    packed = {entry.item_id for entry in packable_entries(practice)}
    assert attempt.current_item_id not in packed


def test_a_course_with_nothing_to_ask_ends_at_once_and_seeds_nothing(world: World) -> None:
    check = placement_check(world, with_items=False)
    Item.objects.update(status=Status.DRAFT)
    attempt = start_placement(student=world.student, check=check)
    assert attempt.finished_at is not None and attempt.answers == []
    assert not MasteryState.objects.filter(student=world.student).exists()


def _cells(student) -> dict[int, tuple]:
    return {
        row.standard_id: (row.skill_state, row.mastery, row.level, row.attempts, row.updated_at)
        for row in MasteryState.objects.filter(student=student)
    }


def _finish_not_knowing(world: World) -> PlacementAttempt:
    attempt = start_placement(student=world.student, check=placement_check(world))
    while attempt.finished_at is None:
        attempt = answer_placement(
            attempt=attempt, item_id=attempt.current_item_id, answer=None, not_yet=True
        )
    return attempt


@pytest.mark.parametrize("practised_first", [False, True])
def test_a_rebuild_keeps_the_placement_seeds(world: World, practised_first: bool) -> None:
    """Seeds replay before the log: a standard seeded before its first answer starts
    there; one practised before the check starts from the prior, as it did."""
    lw = learning_world(world)
    unit_rates = lw.standards["6.RP.A.2"]

    def practise(now) -> None:
        for index, value in enumerate(["3", "4", "3"]):
            record_response(
                student=world.student, item_id=lw.items[index].pk, client_id=uuid.uuid4(),
                answer=value, now=now + timedelta(minutes=index),
            )  # fmt: skip

    if practised_first:
        practise(timezone.now() - timedelta(days=1))
    attempt = _finish_not_knowing(world)
    if not practised_first:
        practise(timezone.now() + timedelta(minutes=1))
    assert str(unit_rates.pk) in attempt.estimates
    before = _cells(world.student)
    seeded = {int(key) for key in attempt.estimates}
    assert seeded <= set(before)
    assert before[unit_rates.pk][3] == 3  # practised, from the seed or from the prior
    prior = active_model().initial_state(str(unit_rates.pk)).skill.mastery
    assert attempt.estimates[str(unit_rates.pk)] != pytest.approx(prior)  # the seed matters
    rebuild_mastery(student_ids=[world.student.pk])
    assert _cells(world.student) == before


def test_a_rebuild_of_a_student_who_never_practised_keeps_only_the_seeds(world: World) -> None:
    attempt = _finish_not_knowing(world)
    before = _cells(world.student)
    assert len(before) == len(attempt.estimates)
    rebuild_mastery()
    assert _cells(world.student) == before
