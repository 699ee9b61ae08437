"""Between database rows and the engine, in one place: which model is active, the
student's rows read as engine state (`read_snapshot`), one answer's update, and the
update written back into a row (`apply_update`).

The engine speaks in strings and frozen dataclasses; here a standard's primary key is
its skill id. Nothing here replays history: one answer touches the student's aggregate
and the states of the item's standards, each in O(1).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from learnloop.engine.levels import MASTERY_THRESHOLD, Level, mastery_level
from learnloop.engine.review import replay_reviews, schedule_review
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
from learnloop.learning.answering import queries
from learnloop.learning.answering.queries import StateRow
from learnloop.learning.models import EngineModel, MasteryState

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
    states: Mapping[int, StateRow]
    trace_id: int | None = None  # the aggregate's row; None before the student's first answer


def read_snapshot(student_id: int, *, lock: bool = False) -> StudentSnapshot:
    """The student's aggregate and all their states, in two queries; `lock` holds the
    rows (PostgreSQL) for the answer that is about to update them."""
    rows = queries.student_rows(student_id, lock=lock)
    state = rows.trace_state
    aggregate = StudentState.from_dict(state) if state else StudentState()
    return StudentSnapshot(aggregate, rows.states, rows.trace_id)


@dataclass(frozen=True)
class Step:
    """One answer applied to a student's snapshot, in memory: the snapshot after it, each
    standard's update, and the rows to write (`changed` existed, `created` are new)."""

    snapshot: StudentSnapshot
    updates: tuple[SkillUpdate, ...]
    changed: list[StateRow]
    created: list[StateRow]


@dataclass(frozen=True)
class SkillUpdate:
    """One standard after an answer: the engine's state, its practice `level`, and the
    cell's one level (`headline`: all evidence combined), which pages show."""

    standard_id: int
    skill: SkillState
    mastery: float
    level: Level
    headline: Level = Level.NOT_STARTED
    previous_headline: Level = Level.NOT_STARTED  # the cell's level before the answer(s)


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
    item_id: int | None = None,
) -> tuple[StudentState, list[SkillUpdate]]:
    """One answer credited to every standard in `skills`.

    Each standard is updated from the student's aggregate as it was before this answer,
    and the aggregate advances once, whatever the number of standards. The answer's time
    and item go to the engine with it (`Observation`): a model fitted on items (the
    relational model) uses the item's own difficulty and concept loadings; one fitted on
    standards ignores the item.
    """
    new_student = student
    updates: list[SkillUpdate] = []
    item = None if item_id is None else str(item_id)
    for standard_id in sorted(skills):
        before = TraceState(skill=skills[standard_id], student=student)
        after = model.update(before, Observation(str(standard_id), correct, when, item))
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


def cell_standing(state: MasteryState | StateRow) -> Standing:
    """The one level of a (student, standard) and its parts, from its stored row alone:
    practice's piece from the engine's fields, the rest from the evidence summary."""
    practice = practice_piece(state.level, state.attempts, state.last_practiced_at)
    return standing(practice, EvidenceSummary.from_dict(state.evidence_summary))


def updated_fields(
    row: MasteryState | StateRow, update: SkillUpdate, correct: bool, when: datetime
) -> dict[str, Any]:
    """One engine update as the row's new values: the engine's state, the practice
    level, the review schedule, and the cell's one level recomputed in memory (ADR 0005)."""
    card, due = next_review(row.review_card, update.level, correct, when)
    return fields_after(row, update, card, due, when)


def fields_after(
    row: MasteryState | StateRow,
    update: SkillUpdate,
    card: dict[str, Any] | None,
    due: datetime | None,
    when: datetime,
) -> dict[str, Any]:
    """The row's new values after its last update at `when`, with the review card the
    answers left (`next_review`, replayed per answer)."""
    level, attempts = int(update.level), update.skill.attempts
    practice = practice_piece(level, attempts, when)
    combined = standing(practice, EvidenceSummary.from_dict(row.evidence_summary)).level
    return {
        "skill_state": update.skill.to_dict(),
        "mastery": update.mastery,
        "level": level,
        "attempts": attempts,
        "successes": update.skill.successes,
        "last_practiced_at": when,
        "review_card": card,
        "review_due_at": due,
        "updated_at": when,
        "combined_level": int(combined),
    }


def _stored_card(row: StateRow | None) -> dict[str, Any] | None:
    return None if row is None else row.review_card


def _replayed(
    card: dict[str, Any] | None, reviews: list[tuple[bool, datetime]]
) -> tuple[dict[str, Any] | None, datetime | None]:
    """The card and due time after these reviews of a stored card (or of none): what
    `next_review` once per answer gives; none at all while no answer reviewed."""
    result = replay_reviews(reviews, card)
    return (None, None) if result is None else (result.card, result.due)


def apply_update(row: MasteryState, update: SkillUpdate, correct: bool, when: datetime) -> None:
    """Write one engine update into a model row (`updated_fields`; the rebuild's replay)."""
    for name, value in updated_fields(row, update, correct, when).items():
        setattr(row, name, value)


def answer_step(
    student_id: int,
    standard_ids: list[int],
    correct: bool,
    when: datetime,
    item_id: int | None = None,
) -> Step:
    """One answer credited to the given standards of a student, in memory (`answers_step`
    with one answer). With no standards, nothing changes (the snapshot as read)."""
    return answers_step(student_id, [Answered(tuple(standard_ids), correct, when, item_id)])


@dataclass(frozen=True)
class Answered:
    """One stored answer as the engine sees it: its standards, right or not, when, and
    the item answered (None where the caller has no item)."""

    standard_ids: tuple[int, ...]
    correct: bool
    when: datetime
    item_id: int | None = None


def answers_step(student_id: int, answers: Sequence[Answered]) -> Step:
    """Answers credited in the order given, in memory: the student's rows read (and on
    PostgreSQL locked) once, which the board needs next anyway; each answer's engine
    update (`apply_answer`) turned into its states' new values (`updated_fields`, new
    rows made for standards not practiced before), the cell's one level recomputed. A
    synced batch updates a row many times here and the caller writes it once;
    `updates` holds each standard's last update. With no standards, nothing changes."""
    before = read_snapshot(student_id, lock=True)
    if not any(answer.standard_ids for answer in answers):
        return Step(before, (), [], [])
    model = active_model()
    rows = dict(before.states)
    student = before.student
    last: dict[int, SkillUpdate] = {}
    # Per standard, the reviews its answers make (`next_review`'s rule: each answer once
    # the standard is proficient or has a card) and when it was last answered. The card
    # is replayed over them once at the end, as one card object (`replay_reviews`: the
    # same card as one review per answer, without a dict round trip per answer); the
    # rest of a row (the engine's state as a dict, the cell's one level) is built once
    # per standard from its last update, since only that is written.
    reviews: dict[int, list[tuple[bool, datetime]]] = {}
    answered_at: dict[int, datetime] = {}
    for answer in answers:
        skills = {
            sid: last[sid].skill
            if sid in last
            else skill_state_for(
                model, sid, rows[sid].skill_state if sid in rows else None, student
            )
            for sid in answer.standard_ids
        }
        student, updates = apply_answer(
            model, student, skills, answer.correct, answer.when, answer.item_id
        )
        for update in updates:
            sid = update.standard_id
            runs = reviews.setdefault(sid, [])
            if runs or update.level >= Level.PROFICIENT or _stored_card(rows.get(sid)) is not None:
                runs.append((answer.correct, answer.when))
            answered_at[sid] = answer.when
            last[sid] = update
    created = {sid for sid in last if sid not in rows}
    for sid, update in last.items():
        found = rows[sid] if sid in rows else StateRow.new(student_id, sid)
        card, due = _replayed(_stored_card(rows.get(sid)), reviews[sid])
        rows[sid] = replace(found, **fields_after(found, update, card, due, answered_at[sid]))
    headlines = tuple(
        replace(
            u,
            headline=Level(rows[sid].combined_level),
            previous_headline=Level(
                before.states[sid].combined_level if sid in before.states else 0
            ),
        )
        for sid, u in sorted(last.items())
    )
    changed = [rows[sid] for sid in sorted(last) if sid not in created]
    new = [rows[sid] for sid in sorted(last) if sid in created]
    return Step(StudentSnapshot(student, rows, before.trace_id), headlines, changed, new)
