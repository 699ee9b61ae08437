"""Between database rows and the engine: which model is active, and one answer's update.

The engine speaks in strings and frozen dataclasses; here a standard's primary key is
its skill id. Nothing here replays history: one answer touches the student's aggregate
and the states of the item's standards, each in O(1).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from learnloop.engine.levels import MASTERY_THRESHOLD, Level, mastery_level
from learnloop.engine.review import schedule_review
from learnloop.engine.standing import EvidenceSummary, Standing, practice_piece, standing
from learnloop.engine.tracing import (
    BKT,
    LearnerModel,
    Observation,
    SkillState,
    StudentState,
    TraceState,
    load_model,
)
from learnloop.learning.models import EngineModel, MasteryState, StudentTrace
from learnloop.learning.plain_sql import Select

MODEL_CACHE_SECONDS = 30.0
_cache: dict[str, Any] = {"key": None, "model": None, "checked": 0.0}


def active_model() -> LearnerModel:
    """The newest active fitted model, or BKT with default parameters before any fit.

    Cached per process; a newly fitted model is picked up within MODEL_CACHE_SECONDS.
    """
    if _cache["model"] is not None and time.monotonic() - _cache["checked"] < MODEL_CACHE_SECONDS:
        return _cache["model"]
    row = EngineModel.objects.filter(active=True).values("pk", "fitted_at").first()
    key = (row["pk"], row["fitted_at"]) if row else None
    if key != _cache["key"] or _cache["model"] is None:
        params = EngineModel.objects.get(pk=row["pk"]).params if row else None
        _cache["model"] = load_model(params) if params else BKT()
        _cache["key"] = key
    _cache["checked"] = time.monotonic()
    return _cache["model"]


def forget_cached_model() -> None:
    _cache.update(key=None, model=None, checked=0.0)


@dataclass(frozen=True)
class StudentSnapshot:
    """What the engine knows of one student: the aggregate and the states by standard.

    The answer path reads it once, under lock, updates it, and hands it to the choice
    board, which would otherwise read the same rows again.
    """

    student: StudentState
    states: Mapping[int, MasteryState]
    trace_id: int | None = None  # the aggregate's row; None before the student's first answer


# What an answer writes back of a mastery state (learning.services), and so what a
# snapshot reads: the board reads a few of these, the answer path all of them. The
# answer also reads the evidence summary, to recompute the cell's one level in memory
# (`cell_standing`), but never writes it: only the gradebook's refresh does.
STATE_FIELDS = (
    "skill_state", "mastery", "level", "attempts", "successes", "last_practiced_at",
    "review_card", "review_due_at", "updated_at", "combined_level",
)  # fmt: skip
_STATE_COLUMNS = ("id", "student", "standard", *STATE_FIELDS, "evidence_summary")
_READS = {  # lock: (aggregate, states), as plain SQL (learning.plain_sql)
    lock: (
        Select(StudentTrace, ("id", "state"), ("student",), limit=1, lock=lock),
        Select(MasteryState, _STATE_COLUMNS, ("student",), lock=lock),
    )
    for lock in (False, True)
}


def read_snapshot(student_id: int, *, lock: bool = False) -> StudentSnapshot:
    """The student's aggregate and all their states, in two queries; `lock` holds the
    rows (PostgreSQL) for the answer that is about to update them."""
    trace_read, states_read = _READS[lock]
    traces = trace_read.rows(student_id)
    trace_id, state = traces[0] if traces else (None, None)
    aggregate = StudentState.from_dict(state) if state else StudentState()
    states = {row.standard_id: row for row in states_read.instances(student_id)}
    return StudentSnapshot(aggregate, states, trace_id)


@dataclass(frozen=True)
class SkillUpdate:
    """One standard after an answer: the engine's state, its practice `level`, and the
    cell's one level (`headline`: all evidence combined), which pages show."""

    standard_id: int
    skill: SkillState
    mastery: float
    level: Level
    headline: Level = Level.NOT_STARTED


def skill_state_for(
    model: LearnerModel, standard_id: int, stored: dict[str, Any] | None, student: StudentState
) -> SkillState:
    if stored:
        return SkillState.from_dict(stored)
    return model.initial_state(str(standard_id), student).skill


def apply_answer(
    model: LearnerModel,
    student: StudentState,
    skills: dict[int, SkillState],
    correct: bool,
    when: datetime,
) -> tuple[StudentState, list[SkillUpdate]]:
    """One answer credited to every standard in `skills`.

    Each standard is updated from the student's aggregate as it was before this answer,
    and the aggregate advances once, whatever the number of standards.
    """
    new_student = student
    updates: list[SkillUpdate] = []
    for standard_id in sorted(skills):
        before = TraceState(skill=skills[standard_id], student=student)
        after = model.update(before, Observation(str(standard_id), correct, when))
        mastery = model.mastery(after)
        level = mastery_level(mastery, after.skill.attempts)
        updates.append(SkillUpdate(standard_id, after.skill, mastery, level))
        new_student = after.student
    return new_student, updates


def next_review(
    card: dict[str, Any] | None, level: Level, correct: bool, when: datetime
) -> tuple[dict[str, Any] | None, datetime | None]:
    """Spaced review starts once a standard is proficient; fsrs schedules it."""
    if level < Level.PROFICIENT and card is None:
        return None, None
    result = schedule_review(card, correct, when)
    return result.card, result.due


def items_to_mastery(
    model: LearnerModel, skill: SkillState, student: StudentState, cap: int = 10
) -> int | None:
    """How many more correct answers the engine expects before mastery (None past `cap`)."""
    state = TraceState(skill=skill, student=student)
    for count in range(cap + 1):
        if model.mastery(state) >= MASTERY_THRESHOLD and state.skill.attempts >= 5:
            return count
        state = model.update(state, Observation(skill.skill_id, True))
    return None


def cell_standing(state: MasteryState) -> Standing:
    """The one level of a (student, standard) and its parts, from its stored row alone:
    practice's piece from the engine's fields, the rest from the evidence summary."""
    practice = practice_piece(state.level, state.attempts, state.last_practiced_at)
    return standing(practice, EvidenceSummary.from_dict(state.evidence_summary))
