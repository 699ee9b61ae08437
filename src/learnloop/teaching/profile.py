"""Everything about one student on one page, for their teacher.

The trend is honest: the student's response log is replayed in memory through the same
engine update and level rules as the hot path, and the number of standards at
proficient or better is read at the end of each week. One query for the log; a year of
a student's answers replays in milliseconds. It uses today's engine parameters, so a
past week can differ slightly from what the student saw that week.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from learnloop.accounts.models import User
from learnloop.content.item_instances import draw_seed, item_instance
from learnloop.content.models import Choice, Item
from learnloop.engine.levels import Level
from learnloop.engine.tracing import StudentState
from learnloop.learning.answers import describe_answer
from learnloop.learning.engine_state import active_model, apply_answer, skill_state_for
from learnloop.learning.models import Response
from learnloop.learning.selectors import MasteryRow
from learnloop.schools.access import can_manage_classroom
from learnloop.teaching.models import Assignment, GroupMembership
from learnloop.teaching.signals import SelfRating

TREND_WEEKS = 8


@dataclass(frozen=True)
class WeekPoint:
    week_end: dt.datetime
    proficient: int


@dataclass(frozen=True)
class Answer:
    """An answer as the student met it: `item` is the instance they were shown (the
    numbers their client id drew, `content.item_instances`), `given` their answer."""

    response: Response
    given: str
    item: Item


@dataclass(frozen=True)
class MasteryWithRating:
    row: MasteryRow
    rating: SelfRating | None

    @property
    def rating_gap(self) -> int | None:
        if self.rating is None:
            return None
        return self.rating.rating - max(1, int(self.row.level))


def proficient_by_week(
    student: User, standard_ids: Sequence[int], now: dt.datetime, weeks: int = TREND_WEEKS
) -> list[WeekPoint]:
    """Standards at proficient or better at the end of each of the last `weeks` weeks."""
    wanted = set(standard_ids)
    ends = [now - dt.timedelta(days=7 * back) for back in range(weeks - 1, -1, -1)]
    model = active_model()
    student_state, skills, levels = StudentState(), {}, {}
    points: list[WeekPoint] = []
    log = Response.objects.filter(student=student, created_at__lte=now).order_by("created_at", "pk")
    answers = log.values_list("standard_ids", "correct", "created_at", "item_id")
    for standard_ids_of, correct, when, item_id in answers:
        while len(points) < len(ends) and when > ends[len(points)]:
            points.append(WeekPoint(ends[len(points)], _count(levels, wanted)))
        current = {
            sid: skills.get(sid) or skill_state_for(model, sid, None, student_state)
            for sid in standard_ids_of
        }
        student_state, updates = apply_answer(model, student_state, current, correct, when, item_id)
        for update in updates:
            skills[update.standard_id], levels[update.standard_id] = update.skill, update.level
    while len(points) < len(ends):
        points.append(WeekPoint(ends[len(points)], _count(levels, wanted)))
    return points


def _count(levels: dict[int, Level], wanted: set[int]) -> int:
    return sum(1 for sid, level in levels.items() if sid in wanted and level >= Level.PROFICIENT)


def recent_answers_for_student(student: User, limit: int = 15) -> list[Answer]:
    """The latest answers with the question and what the student actually gave."""
    responses = (
        Response.objects.filter(student=student)
        .select_related("item", "activity")
        .prefetch_related(Prefetch("item__choices", queryset=Choice.objects.order_by("position")))
        .order_by("-created_at", "-pk")[:limit]
    )
    return [_answer(response) for response in responses]


def _answer(response: Response) -> Answer:
    shown = item_instance(response.item, draw_seed(response.student_id, response.drawn_with))
    return Answer(response, describe_answer(shown.item, response.answer, shown.choices), shown.item)


def with_ratings(
    rows: Sequence[MasteryRow], ratings: Sequence[SelfRating]
) -> list[MasteryWithRating]:
    by_standard = {r.standard_id: r for r in ratings}
    return [MasteryWithRating(row, by_standard.get(row.standard.pk)) for row in rows]


def assignments_for_student(student: User) -> list[Assignment]:
    return list(
        Assignment.objects.filter(recipients__student=student)
        .select_related("activity", "assigned_by", "classroom")
        .order_by("-created_at")[:20]
    )


def openable_assignments(viewer: User | AnonymousUser, assignments: list[Assignment]) -> set[int]:
    """The ids of `assignments` whose page `viewer` may open: those of their own classes."""
    classrooms = {a.classroom_id: a.classroom for a in assignments}
    managed = {pk for pk, room in classrooms.items() if can_manage_classroom(viewer, room)}
    return {a.pk for a in assignments if a.classroom_id in managed}


def groups_for_student(student: User) -> list[str]:
    return [
        f"{m.group.name} ({m.group.classroom.name})"
        for m in GroupMembership.objects.filter(student=student).select_related("group__classroom")
    ]
