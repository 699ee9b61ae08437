"""Reads for the student's pages: the mastery map, the choice board, mistakes, history.

Each selector runs a fixed number of queries, whatever the size of the response log.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from learnloop.accounts.models import User
from learnloop.content.models import Activity, Choice, Status
from learnloop.engine.levels import Level
from learnloop.engine.recommend import (
    RECENT_WINDOW,
    BoardInput,
    Option,
    StandardView,
    choice_board,
)
from learnloop.engine.standing import Standing
from learnloop.engine.tracing import LearnerModel, StudentState
from learnloop.learning.answering import queries
from learnloop.learning.answering.queries import StateRow
from learnloop.learning.catalog import Catalog, StandardEntry, catalog_for_student
from learnloop.learning.commitments import commitments_for_student, goal_standard_ids
from learnloop.learning.engine_state import (
    StudentSnapshot,
    active_model,
    items_to_mastery,
    read_snapshot,
    skill_state_for,
)
from learnloop.learning.models import MasteryState, Response
from learnloop.learning.standing import NOT_STARTED, stored_standing, why_lines
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_student


@dataclass(frozen=True)
class MasteryRow:
    """One standard of a student: the one level (`level`, evidence combined) and its parts."""

    standard: Standard
    level: Level
    mastery: float
    attempts: int
    successes: int
    last_practiced_at: datetime | None
    review_due_at: datetime | None
    standing: Standing = NOT_STARTED

    @property
    def practice_level(self) -> Level:
        return self.standing.practice_level

    @property
    def why(self) -> list[str]:
        return why_lines(self.standing)


def mastery_rows_for_student(
    student: User, standards: list[Standard] | None = None
) -> list[MasteryRow]:
    standards = standards if standards is not None else leaf_standards_for_student(student)
    states = {
        state.standard_id: state
        for state in MasteryState.objects.filter(
            student=student, standard_id__in=[s.pk for s in standards]
        )
    }
    rows = []
    for standard in standards:
        state = states.get(standard.pk)
        standing = stored_standing(state)
        rows.append(
            MasteryRow(
                standard=standard,
                level=standing.level,
                mastery=state.mastery if state else 0.0,
                attempts=state.attempts if state else 0,
                successes=state.successes if state else 0,
                last_practiced_at=state.last_practiced_at if state else None,
                review_due_at=state.review_due_at if state else None,
                standing=standing,
            )
        )
    return rows


def level_counts(rows: list[MasteryRow]) -> list[tuple[Level, int]]:
    counts = {level: 0 for level in Level}
    for row in rows:
        counts[row.level] += 1
    return [(level, counts[level]) for level in reversed(Level)]


def activities_for_student(student: User, standard_ids: list[int]) -> QuerySet[Activity]:
    """Published activities aligned to the student's standards, visible to their school."""
    return (
        Activity.objects.filter(status=Status.PUBLISHED, standards__in=standard_ids)
        .filter(Q(school__isnull=True) | Q(school_id=student.school_id))
        .prefetch_related(
            Prefetch(
                "standards", queryset=Standard.objects.only("pk", "code", "abbreviated_statement")
            )
        )
        .distinct()
        .order_by("title")
    )


def board_for_student(
    student: User, now: datetime, limit: int = 6, snapshot: StudentSnapshot | None = None
) -> list[Option]:
    """The choice board: the engine's ranked next steps, each with its reason.

    A fixed handful of queries whatever the log's size: the student's frameworks, states
    and aggregate (unless the caller has them, as the answer path does), recent answers
    (their activities for variety, their standards and correctness for the lesson offer:
    one statement), commitments, goal standards and interests; the standards and
    activities come from the cached catalog (`learning.catalog`).
    """
    catalog = catalog_for_student(student)
    snapshot = snapshot or read_snapshot(student.pk)
    model = active_model()
    recent = queries.recent_answers(student.pk)
    tallies = recent_tallies(recent)
    goals = goal_standard_ids(student)
    views = [
        _with_recent(
            _standard_view(model, entry, snapshot.states.get(entry.pk), catalog, snapshot.student),
            tallies.get(entry.pk),
            entry.pk in goals,
        )
        for entry in catalog.standards
    ]
    modalities = catalog.modalities
    used = [a.activity_id for a in recent if a.activity_id is not None][:3]
    board = BoardInput(
        standards=views,
        activities=catalog.activities_for_school(student.school_id),
        commitments=commitments_for_student(student, now),
        interests=frozenset(interests_for_student(student)),
        recent_modalities=[modalities.get(activity_id, "") for activity_id in reversed(used)],
        now=now,
    )
    return choice_board(board, limit=limit)


def recent_tallies(recent: list[queries.RecentAnswer]) -> dict[int, tuple[int, int]]:
    """(answers, wrong) of each standard's last RECENT_WINDOW answers among `recent`
    (newest first)."""
    tallies: dict[int, tuple[int, int]] = {}
    for answer in recent:
        for standard_id in answer.standard_ids:
            answers, wrong = tallies.get(standard_id, (0, 0))
            if answers < RECENT_WINDOW:
                tallies[standard_id] = (answers + 1, wrong + (not answer.correct))
    return tallies


def _with_recent(view: StandardView, tally: tuple[int, int] | None, goal: bool) -> StandardView:
    if tally is None and not goal:
        return view  # the catalog's shared view, unchanged
    answers, wrong = tally or (0, 0)
    return replace(view, goal=goal, recent_answers=answers, recent_wrong=wrong)


def _standard_view(
    model: LearnerModel,
    entry: StandardEntry,
    state: StateRow | None,
    catalog: Catalog,
    student_state: StudentState,
) -> StandardView:
    if state is None:
        return catalog.not_started[entry.pk]
    level = Level(state.combined_level)
    attempts = state.attempts
    to_mastery = None
    if attempts and level < Level.MASTERED and state.level < Level.MASTERED:
        skill = skill_state_for(model, entry.pk, state.skill_state, student_state)
        to_mastery = items_to_mastery(model, skill, student_state)
    return StandardView(
        standard_id=entry.pk,
        code=entry.label,
        mastery=state.mastery,
        level=level,
        attempts=attempts,
        prerequisite_ids=catalog.prerequisites.get(entry.pk, ()),
        review_due=state.review_due_at,
        items_to_mastery=to_mastery,
    )


def mistakes_for_student(student: User) -> QuerySet[Response]:
    """The student's wrong answers, newest first, with what they need to learn from them."""
    return (
        Response.objects.filter(student=student, correct=False)
        .select_related("item", "activity")
        .prefetch_related(
            Prefetch("item__choices", queryset=Choice.objects.order_by("position")),
            "item__standards",
        )
        .order_by("-created_at", "-pk")
    )


def recent_responses_for_student(student: User, limit: int = 8) -> QuerySet[Response]:
    return (
        Response.objects.filter(student=student)
        .select_related("item", "activity")
        .order_by("-created_at", "-pk")[:limit]
    )


def interests_for_student(student: User) -> list[str]:
    return queries.interests(student.pk)


def interest_choices_for_student(student: User) -> list[str]:
    """Every interest tag used by an activity the student can reach."""
    ids = [s.pk for s in leaf_standards_for_student(student)]
    tags: set[str] = set()
    for tag_list in activities_for_student(student, ids).values_list("interest_tags", flat=True):
        tags.update(tag_list or ())
    return sorted(tags)
