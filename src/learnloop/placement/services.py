"""Every placement write: assign a check, start it, answer it, seed the estimates.

The engine (`engine.placement`) chooses the questions and decides when to stop; these
functions only read the course, store each answer and, at the end, write the
placement's estimates into the student's mastery states (`seed_placement_estimates`).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learnloop.accounts.models import Role, User
from learnloop.content.grading_adapter import choice_specs, grade_item
from learnloop.content.models import Item
from learnloop.core.errors import ServiceError
from learnloop.engine.placement import Outcome, PlacementAnswer, PlacementEstimate, place
from learnloop.engine.tracing import SkillState
from learnloop.learning.models import MasteryState
from learnloop.placement.course import Course, course_for, question_for
from learnloop.placement.models import PlacementAttempt, PlacementCheck
from learnloop.placement.selectors import result_for, summary_of
from learnloop.schools.models import Classroom, Enrollment
from learnloop.standards.models import Framework

PlacementAnswerValue = str | list[str] | None


class PlacementError(ServiceError):
    """A placement write that cannot be made; `field` names the form field."""


@transaction.atomic
def assign_placement_check(
    *, assigned_by: User, classroom: Classroom, framework: Framework, student: User | None = None
) -> PlacementCheck:
    """A placement check on one of the class's frameworks, for the class or one student."""
    if not classroom.frameworks.filter(pk=framework.pk).exists():
        raise PlacementError("framework", _("This class does not follow that framework."))
    if student is not None and not (
        student.role == Role.STUDENT
        and Enrollment.objects.filter(classroom=classroom, student=student).exists()
    ):
        raise PlacementError("student", _("That student is not in this class."))
    return PlacementCheck.objects.create(
        classroom=classroom,
        framework=framework,
        student=student,
        assigned_by=assigned_by,
        created_at=timezone.now(),
    )


@transaction.atomic
def start_placement(*, student: User, check: PlacementCheck) -> PlacementAttempt:
    """The student's attempt at the check, begun with its first question (a repeat
    returns the attempt already begun)."""
    attempt, created = PlacementAttempt.objects.get_or_create(
        placement_check=check,
        student=student,
        defaults={"seed": secrets.randbelow(2**31), "started_at": timezone.now()},
    )
    if created:
        _advance(attempt, course_for(check.framework))
    return attempt


@transaction.atomic
def answer_placement(
    *, attempt: PlacementAttempt, item_id: int, answer: PlacementAnswerValue, not_yet: bool
) -> PlacementAttempt:
    """Record one answer (or "I haven't learned this yet") to the current question and
    move on: the next question, or the end and its estimates. An answer to a question
    that is no longer the current one (a second click, an old tab) changes nothing."""
    attempt = PlacementAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.finished_at is not None or attempt.current_item_id != item_id:
        return attempt
    item = Item.objects.prefetch_related("choices").get(pk=attempt.current_item_id)
    outcome = Outcome.NOT_YET if not_yet else _graded(item, answer)
    attempt.answers = [
        *attempt.answers,
        {"standard": attempt.current_standard_id, "item": item.pk, "outcome": str(outcome)},
    ]
    _advance(attempt, course_for(attempt.placement_check.framework))
    return attempt


def _graded(item: Item, answer: PlacementAnswerValue) -> Outcome:
    if answer in (None, "", []):
        message = _('Give an answer, or choose "I haven\'t learned this yet".')
        raise PlacementError("answer", message)
    result = grade_item(item, answer, choice_specs(item))
    if not result.valid:
        raise PlacementError(
            "answer", _(result.feedback) if result.feedback else _("That answer could not be read.")
        )
    return Outcome.RIGHT if result.correct else Outcome.WRONG


def estimate_for(attempt: PlacementAttempt, course: Course) -> PlacementEstimate:
    """The engine's estimate after the attempt's answers; standards whose question has
    no usable item are dropped from the askable ones until one is found."""
    states = course.states(attempt.seed)
    answers = [
        PlacementAnswer(str(a["standard"]), Outcome(a["outcome"]))
        for a in attempt.answers
        if str(a["standard"]) in course.standards
    ]
    askable = list(course.askable)
    while True:
        estimate = place(states, answers, askable=askable)
        if estimate.next_standard is None:
            return estimate
        if question_for(course.standards[estimate.next_standard]) is not None:
            return estimate
        askable.remove(estimate.next_standard)


def _advance(attempt: PlacementAttempt, course: Course) -> None:
    estimate = estimate_for(attempt, course)
    now = timezone.now()
    if estimate.done or estimate.next_standard is None:
        attempt.current_standard = attempt.current_item = None
        attempt.estimates = dict(estimate.probabilities)
        attempt.summary = summary_of(result_for(attempt, course))
        attempt.finished_at = now
        if attempt.answers:  # a course with nothing to ask places nobody
            seed_placement_estimates(
                student_id=attempt.student_id, estimates=attempt.estimates, when=now
            )
    else:
        standard = course.standards[estimate.next_standard]
        attempt.current_standard = standard
        attempt.current_item = question_for(standard)
    attempt.save(
        update_fields=[
            "answers",
            "current_standard",
            "current_item",
            "estimates",
            "summary",
            "finished_at",
        ]
    )


def seed_placement_estimates(*, student_id: int, estimates: Mapping[str, float], when: Any) -> int:
    """Start the student's mastery state on each placed standard at the placement's
    probability, where practice has not yet said anything (`attempts` 0): practice
    outranks placement, and a placement is a starting point, not a level (ADR 0015).
    Returns how many states were seeded."""
    standard_ids = [int(key) for key in estimates]
    rows = {
        row.standard_id: row
        for row in MasteryState.objects.select_for_update().filter(
            student_id=student_id, standard_id__in=standard_ids
        )
    }
    changed, created = [], []
    for standard_id in standard_ids:
        probability = float(estimates[str(standard_id)])
        skill = SkillState(skill_id=str(standard_id), mastery=probability).to_dict()
        row = rows.get(standard_id)
        if row is None:
            created.append(
                MasteryState(
                    student_id=student_id,
                    standard_id=standard_id,
                    skill_state=skill,
                    mastery=probability,
                    updated_at=when,
                )
            )
        elif row.attempts == 0:
            row.skill_state, row.mastery, row.updated_at = skill, probability, when
            changed.append(row)
    MasteryState.objects.bulk_create(created)
    MasteryState.objects.bulk_update(changed, ["skill_state", "mastery", "updated_at"])
    return len(created) + len(changed)
