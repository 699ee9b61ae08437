"""Every statement on one answer's path, written out once, run by `core.sql`.

The answer runs these on every request, so each is one literal statement rather than a
QuerySet (ADR 0004: building the query cost ten times running it). Each function says
what it reads or writes and returns plain values or small frozen rows (`ItemRow`,
`ActivityRow`, `ResponseRow`, `SessionRow`, `StateRow`), never model instances; nothing
here decides anything: `access` and `service` do.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Model

from learnloop.content.grading import ChoiceSpec
from learnloop.content.models import CHOICE_KINDS, Activity, ActivityItem, Choice, Item
from learnloop.core.sql import (
    Column,
    Insert,
    Statement,
    Update,
    column,
    fetch,
    prepared,
    quoted,
    table,
)
from learnloop.learning.models import (
    LearnerProfile,
    MasteryState,
    PracticeSession,
    Response,
    StudentTrace,
)
from learnloop.schools.models import Classroom, Enrollment
from learnloop.standards.models import Standard


def _columns(model: type[Model], names: tuple[str, ...]) -> list[Column]:
    return [(model, name) for name in names]


# --- the item and where it may be answered (access) ---------------------------------

# What the answer path reads of an item: access (its school), a synced batch's "changed
# since" flag (updated_at), grading (kind and answer key), the draw of a variabilized
# item (variables, extra's template, and the text it redraws) and the feedback page
# (stem, hints, solution, attribution). Nothing else: no author, source, status.
ITEM_FIELDS = (
    "id", "school", "updated_at", "kind", "title", "stem", "numeric_answer", "tolerance",
    "accepted_answers", "case_sensitive", "ignore_punctuation", "partial_credit",
    "math_any_form", "hints", "solution", "answer_type", "variables", "extra",
    "attribution_source", "attribution_license",
)  # fmt: skip


@dataclass(frozen=True)
class ItemRow:
    """An item as the answer path uses it: the row's values in `ITEM_FIELDS` order, the
        school by id (no model instance). It is a `content.gradable.GradableItem`: grading,
        the draw of a variabilized item (a new row, `dataclasses.replace`) and the feedback
        helpers take it as they take the model. The feedback page parses its attribution
    (`Attribution.parse`) from the two text fields."""

    id: int
    school_id: int | None
    updated_at: datetime
    kind: str
    title: str
    stem: str
    numeric_answer: Decimal | None
    tolerance: Decimal
    accepted_answers: list[str]
    case_sensitive: bool
    ignore_punctuation: bool
    partial_credit: bool
    math_any_form: bool
    hints: list[str]
    solution: str
    answer_type: str
    variables: dict[str, Any]
    extra: dict[str, Any]
    attribution_source: str
    attribution_license: str

    @property
    def pk(self) -> int:
        """The id, by the name pages and the content helpers use for a row's key."""
        return self.id


ITEM_COLUMNS = _columns(Item, ITEM_FIELDS)
PUBLISHED_ITEM = Statement(
    lambda: (
        f"SELECT {quoted(Item, ITEM_FIELDS)} FROM {table(Item)} "
        f"WHERE {column(Item, 'id')} = %s AND {column(Item, 'status')} = %s LIMIT 1"
    ),
    ITEM_COLUMNS,
)
ITEM = Statement(
    lambda: (
        f"SELECT {quoted(Item, ITEM_FIELDS)} FROM {table(Item)} "
        f"WHERE {column(Item, 'id')} = %s LIMIT 1"
    ),
    ITEM_COLUMNS,
)


def item(item_id: int) -> ItemRow | None:
    """The item's row whatever its status (off the hot path: the feedback page of a
    repeat whose first answer was to another item)."""
    found = ITEM.first(item_id)
    return None if found is None else ItemRow(*found)


@dataclass(frozen=True)
class PublishedItem:
    """An item found for an answer: the row, its standards, and its choices as values
    (empty unless it is a choice item), for grading and the feedback page."""

    item: ItemRow
    standards: tuple[ItemStandard, ...]
    choices: tuple[ChoiceSpec, ...]


def published_item(
    item_id: int, status: str, student_id: int | None = None
) -> tuple[PublishedItem | None, tuple[int, ...] | None]:
    """The item with this id and status, with its standards (one read serves the access
    check and the codes) and, for a choice item, its choices; None when there is none.

    Given a student, the frameworks their classes follow (sorted, each once) come back
    too, read in the standards' statement; otherwise None."""
    found = PUBLISHED_ITEM.first(item_id, status)
    if found is None:
        return None, None
    item_row = ItemRow(*found)
    student_frameworks: tuple[int, ...] | None = None
    if student_id is None:
        standards = tuple(ItemStandard(*row) for row in ITEM_STANDARDS.rows(item_id))
    else:
        rows = ITEM_STANDARDS_AND_STUDENT_FRAMEWORKS.rows(item_id, student_id)
        standards = tuple(ItemStandard(*row) for row in rows if row[0] is not None)
        student_frameworks = tuple(sorted({row[1] for row in rows if row[0] is None}))
    choices = item_choices(item_id) if item_row.kind in CHOICE_KINDS else ()
    published = PublishedItem(item_row, standards, choices)
    return published, student_frameworks


ITEM_CHOICES = Statement(
    lambda: (
        f"SELECT {quoted(Choice, ('identifier', 'is_correct', 'text'))} FROM {table(Choice)} "
        f"WHERE {column(Choice, 'item')} = %s "
        f"ORDER BY {column(Choice, 'position')} ASC, {column(Choice, 'id')} ASC"
    ),
    _columns(Choice, ("identifier", "is_correct", "text")),
)


def item_choices(item_id: int) -> tuple[ChoiceSpec, ...]:
    """The item's choices in the order the page shows them (position, then id)."""
    return tuple(
        ChoiceSpec(key=key, is_correct=is_correct, text=text)
        for key, is_correct, text in ITEM_CHOICES.rows(item_id)
    )


@dataclass(frozen=True)
class ItemStandard:
    standard_id: int
    framework_id: int
    code: str
    abbreviated_statement: str  # with the code, names it for people (standards.naming)


_STANDARD_COLUMNS = ("id", "framework", "code", "abbreviated_statement")

ITEM_STANDARDS = Statement(
    lambda: (
        f"SELECT {quoted(Standard, _STANDARD_COLUMNS)} "
        f"FROM {table(Item.standards.through)} INNER JOIN {table(Standard)} "
        f"ON {column(Standard, 'id')} = {column(Item.standards.through, 'standard')} "
        f"WHERE {column(Item.standards.through, 'item')} = %s"
    ),
    _columns(Standard, _STANDARD_COLUMNS),
)


def _item_standards_and_student_frameworks_sql() -> str:
    through = Classroom.frameworks.through
    return (
        f"{ITEM_STANDARDS.sql()} UNION ALL SELECT NULL, {column(through, 'framework')}, NULL, NULL "
        f"FROM {table(through)} INNER JOIN {table(Enrollment)} "
        f"ON {column(Enrollment, 'classroom')} = {column(through, 'classroom')} "
        f"WHERE {column(Enrollment, 'student')} = %s"
    )


# The item's standards (id, framework, code, abbreviated statement), then one row
# (NULL, framework, NULL, NULL) per
# framework of the student's classes: the first access check of a request needs both.
ITEM_STANDARDS_AND_STUDENT_FRAMEWORKS = Statement(
    _item_standards_and_student_frameworks_sql, _columns(Standard, _STANDARD_COLUMNS)
)


ITEM_IN_ACTIVITY = Statement(
    lambda: (
        f"SELECT 1 FROM {table(ActivityItem)} WHERE {column(ActivityItem, 'activity')} = %s "
        f"AND {column(ActivityItem, 'item')} = %s LIMIT 1"
    )
)


def item_in_activity(item_id: int, activity_id: int) -> bool:
    return ITEM_IN_ACTIVITY.first(activity_id, item_id) is not None


def _activity_frameworks_sql() -> str:
    through = Activity.standards.through
    school = column(Activity, "school")
    return (
        f"SELECT {column(Standard, 'framework')} FROM {table(Activity)} "
        f"LEFT JOIN {table(through)} ON {column(through, 'activity')} = {column(Activity, 'id')} "
        f"LEFT JOIN {table(Standard)} ON {column(Standard, 'id')} = {column(through, 'standard')} "
        f"WHERE {column(Activity, 'id')} = %s AND {column(Activity, 'status')} = %s "
        f"AND ({school} IS NULL OR {school} = %s)"
    )


ACTIVITY_FRAMEWORKS = Statement(_activity_frameworks_sql)


def activity_frameworks(activity_id: int, status: str, school_id: int | None) -> set[int] | None:
    """The frameworks of a published activity's standards, if it is shared or of the
    school; None when there is no such activity (an empty set: it has no standards)."""
    rows = ACTIVITY_FRAMEWORKS.rows(activity_id, status, school_id)
    if not rows:
        return None
    return {framework_id for (framework_id,) in rows if framework_id is not None}


def _activity_and_student_frameworks_sql() -> str:
    through = Classroom.frameworks.through
    return (
        f"SELECT 0, {_activity_frameworks_sql().removeprefix('SELECT ')} "
        f"UNION ALL SELECT 1, {column(through, 'framework')} FROM {table(through)} "
        f"INNER JOIN {table(Enrollment)} "
        f"ON {column(Enrollment, 'classroom')} = {column(through, 'classroom')} "
        f"WHERE {column(Enrollment, 'student')} = %s"
    )


ACTIVITY_AND_STUDENT_FRAMEWORKS = Statement(_activity_and_student_frameworks_sql)


def activity_and_student_frameworks(
    activity_id: int, status: str, school_id: int | None, student_id: int
) -> tuple[set[int] | None, tuple[int, ...]]:
    """`activity_frameworks` and the frameworks the student's classes follow (sorted,
    each once, as `learning.queries.framework_ids`) in one statement: the first answer
    of a request needs both."""
    found: set[int] | None = None
    student: set[int] = set()
    for part, framework_id in ACTIVITY_AND_STUDENT_FRAMEWORKS.rows(
        activity_id, status, school_id, student_id
    ):
        if part == 0:
            found = found if found is not None else set()
            if framework_id is not None:
                found.add(framework_id)
        elif framework_id is not None:
            student.add(framework_id)
    return found, tuple(sorted(student))


ACTIVITY = Statement(
    lambda: (
        f"SELECT {quoted(Activity, ('id', 'title', 'extra'))} FROM {table(Activity)} "
        f"WHERE {column(Activity, 'id')} = %s LIMIT 1"
    ),
    _columns(Activity, ("id", "title", "extra")),
)


@dataclass(frozen=True)
class ActivityRow:
    """An activity as the practice page and its answer use it: its id, its title (the
    pages' heading and the help button) and `extra` (the session target it asks for,
    `session_flow.target_for`). No model instance: other pages read `Activity`."""

    id: int
    title: str
    extra: Any

    @property
    def pk(self) -> int:
        """The id, by the name templates and the help button use for a row's key."""
        return self.id


def activity(activity_id: int) -> ActivityRow | None:
    """The activity's row, once `access.activity_verdict` allowed it."""
    found = ACTIVITY.first(activity_id)
    return None if found is None else ActivityRow(*found)


ACTIVITY_STANDARD_IDS = Statement(
    lambda: (
        f"SELECT {column(Activity.standards.through, 'standard')} "
        f"FROM {table(Activity.standards.through)} "
        f"WHERE {column(Activity.standards.through, 'activity')} = %s "
        f"ORDER BY {column(Activity.standards.through, 'standard')} ASC"
    )
)


def activity_standard_ids(activity_id: int) -> list[int]:
    """The activity's standards' ids (a new session records the levels on them)."""
    return [standard_id for (standard_id,) in ACTIVITY_STANDARD_IDS.rows(activity_id)]


# --- the response --------------------------------------------------------------------

RESPONSE_FIELDS = (
    "student", "client_id", "item", "activity", "answer", "correct", "score",
    "hints_used", "attempt", "scaffolds_used", "solution_shown", "retry_of",
    "seconds", "standard_ids", "created_at", "level_moves",
)  # fmt: skip


@dataclass(frozen=True)
class ResponseRow:
    """One stored answer as the answer path writes and reads it: the row's values (no
    model instance). `standard_ids` as a tuple; `level_moves` as stored (JSON pairs)."""

    id: int
    student_id: int
    client_id: uuid.UUID
    item_id: int
    activity_id: int | None
    answer: Any
    correct: bool
    score: float
    hints_used: int
    attempt: int
    scaffolds_used: int
    solution_shown: bool
    retry_of: uuid.UUID | None
    seconds: int
    standard_ids: tuple[int, ...]
    created_at: datetime
    level_moves: list[list[int]] | None

    @property
    def pk(self) -> int:
        """The id, by the name pages and the API use for a row's key."""
        return self.id

    @property
    def drawn_with(self) -> uuid.UUID:
        """The client id whose draw is this answer's instance (as `Response.drawn_with`):
        its own, or its first try's for a second try sent through the API."""
        return self.retry_of or self.client_id

    @classmethod
    def of(cls, pk: int, values: Mapping[str, Any]) -> ResponseRow:
        """The row from the values in `RESPONSE_FIELDS` order and its id."""
        given = [values[name] for name in RESPONSE_FIELDS]
        given[RESPONSE_FIELDS.index("standard_ids")] = tuple(
            int(standard_id) for standard_id in values["standard_ids"] or ()
        )
        given[RESPONSE_FIELDS.index("client_id")] = _uuid(values["client_id"])
        given[RESPONSE_FIELDS.index("retry_of")] = _uuid(values["retry_of"])
        return cls(pk, *given)


def _uuid(value: Any) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


RESPONSE_ONCE = Insert(Response, RESPONSE_FIELDS, unique=("student", "client_id"))


def insert_response_once(values: Mapping[str, Any]) -> ResponseRow | None:
    """The stored response, or None when this student's client id was stored already."""
    pk = RESPONSE_ONCE.run(values)
    return None if pk is None else ResponseRow.of(pk, values)


def _response_where_sql(key: str) -> str:
    return (
        f"SELECT {quoted(Response, ('id', *RESPONSE_FIELDS))} FROM {table(Response)} "
        f"WHERE {column(Response, 'student')} = %s AND {column(Response, key)} = %s LIMIT 1"
    )


_RESPONSE_COLUMNS = _columns(Response, ("id", *RESPONSE_FIELDS))
RESPONSE_BY_CLIENT_ID = Statement(lambda: _response_where_sql("client_id"), _RESPONSE_COLUMNS)
RESPONSE_BY_RETRY_OF = Statement(lambda: _response_where_sql("retry_of"), _RESPONSE_COLUMNS)


def _response(read: Statement, student_id: int, client_id: Any) -> ResponseRow | None:
    found = read.first(student_id, prepared(Response, "client_id", client_id))
    if found is None:
        return None
    return ResponseRow.of(found[0], dict(zip(RESPONSE_FIELDS, found[1:], strict=True)))


def stored_response(student_id: int, client_id: Any) -> ResponseRow | None:
    """The response a repeated client id stored first (off the hot path: a repeat)."""
    return _response(RESPONSE_BY_CLIENT_ID, student_id, client_id)


def second_try_of(student_id: int, first_client_id: Any) -> ResponseRow | None:
    """The second try the API stored for a first try (off the hot path: a retry)."""
    return _response(RESPONSE_BY_RETRY_OF, student_id, first_client_id)


# --- the student's engine state (read once, under lock, by the answer) ---------------

# What an answer writes back of a mastery state, and so what a snapshot reads: the
# board reads a few of these, the answer path all of them. The answer also reads the
# evidence summary, to recompute the cell's one level in memory, but never writes it:
# only the gradebook's refresh does.
STATE_FIELDS = (
    "skill_state", "mastery", "level", "attempts", "successes", "last_practiced_at",
    "review_card", "review_due_at", "updated_at", "combined_level",
)  # fmt: skip
_STATE_COLUMNS = ("id", "student", "standard", *STATE_FIELDS, "evidence_summary")


def _trace_sql() -> str:
    return (
        f"SELECT {quoted(StudentTrace, ('id', 'state'))} FROM {table(StudentTrace)} "
        f"WHERE {column(StudentTrace, 'student')} = %s LIMIT 1"
    )


def _states_sql() -> str:
    return (
        f"SELECT {quoted(MasteryState, _STATE_COLUMNS)} FROM {table(MasteryState)} "
        f"WHERE {column(MasteryState, 'student')} = %s"
    )


_TRACE = _columns(StudentTrace, ("id", "state"))
_STATES = _columns(MasteryState, _STATE_COLUMNS)
_READS = {  # lock: (aggregate, states)
    lock: (Statement(_trace_sql, _TRACE, lock=lock), Statement(_states_sql, _STATES, lock=lock))
    for lock in (False, True)
}


@dataclass(frozen=True)
class StateRow:
    """One (student, standard) mastery state as the answer reads and writes it: every
    field of the row, as values (no model instance); `id` is None until it is stored."""

    id: int | None
    student_id: int
    standard_id: int
    skill_state: Any
    mastery: float
    level: int
    attempts: int
    successes: int
    last_practiced_at: datetime | None
    review_card: Any
    review_due_at: datetime | None
    updated_at: datetime | None
    combined_level: int
    evidence_summary: Any

    @classmethod
    def new(cls, student_id: int, standard_id: int) -> StateRow:
        """A state not stored yet, with the model's defaults (`MasteryState`)."""
        return cls(
            None, student_id, standard_id, skill_state={}, mastery=0.0, level=0, attempts=0,
            successes=0, last_practiced_at=None, review_card=None, review_due_at=None,
            updated_at=None, combined_level=0, evidence_summary=None,
        )  # fmt: skip


@dataclass(frozen=True)
class StudentRows:
    """The student's aggregate row (its id and stored state, None before the first
    answer) and all their mastery states by standard, every field the answer writes."""

    trace_id: int | None
    trace_state: Any
    states: dict[int, StateRow]


def student_rows(student_id: int, *, lock: bool = False) -> StudentRows:
    """Two statements; `lock` holds the rows (PostgreSQL) for an answer's update."""
    trace_read, states_read = _READS[lock]
    found = trace_read.first(student_id)
    rows = [StateRow(*row) for row in states_read.rows(student_id)]
    return StudentRows(
        found[0] if found else None,
        found[1] if found else None,
        {row.standard_id: row for row in rows},
    )


STATE_UPDATE = Update(MasteryState, STATE_FIELDS)
TRACE_UPDATE = Update(StudentTrace, ("state", "updated_at"))


def save_student_rows(
    *,
    changed: list[StateRow],
    created: list[StateRow],
    student_id: int,
    trace_id: int | None,
    trace_state: dict[str, Any],
    when: datetime,
) -> tuple[int, list[StateRow]]:
    """Write an answer's states (updated and new) and the aggregate; returns the
    aggregate's id and the new states as stored (with their ids)."""
    for row in changed:
        assert row.id is not None
        STATE_UPDATE.run(row.id, {name: getattr(row, name) for name in STATE_FIELDS})
    stored_rows = _store_new(created)
    if trace_id is not None:
        TRACE_UPDATE.run(trace_id, {"state": trace_state, "updated_at": when})
        return trace_id, stored_rows
    trace = StudentTrace.objects.create(student_id=student_id, state=trace_state, updated_at=when)
    return trace.pk, stored_rows


def _store_new(created: list[StateRow]) -> list[StateRow]:
    """Insert new states. An observation may have created one of these cells since we
    read: the loser of the insert merges its part (learning.cells); the rows returned
    follow the stored ones (id, evidence, the combined level)."""
    if not created:
        return []
    from learnloop.learning.cells import PRACTICE_FIELDS, store_new_cells

    models = [
        MasteryState(
            student_id=row.student_id,
            standard_id=row.standard_id,
            evidence_summary=row.evidence_summary,
            **{name: getattr(row, name) for name in STATE_FIELDS},
        )
        for row in created
    ]
    stored = store_new_cells(models, owned_fields=PRACTICE_FIELDS)
    result = []
    for row in created:
        merged = stored[(row.student_id, row.standard_id)]
        result.append(
            replace(
                row,
                id=merged.pk,
                evidence_summary=merged.evidence_summary,
                combined_level=merged.combined_level,
            )
        )
    return result


# --- the board's per-student reads ---------------------------------------------------

RECENT_ANSWERS_READ = 24  # about a session's worth: how practice is going right now

RECENT_ANSWERS = Statement(
    lambda: (
        f"SELECT {column(Response, 'activity')}, {column(Response, 'correct')}, "
        f"{column(Response, 'standard_ids')} FROM {table(Response)} "
        f"WHERE {column(Response, 'student')} = %s "
        f"ORDER BY {column(Response, 'created_at')} DESC LIMIT {RECENT_ANSWERS_READ}"
    ),
    [(Response, "activity"), (Response, "correct"), (Response, "standard_ids")],
)


@dataclass(frozen=True)
class RecentAnswer:
    activity_id: int | None
    correct: bool
    standard_ids: tuple[int, ...]


def recent_answers(student_id: int) -> list[RecentAnswer]:
    """The student's last RECENT_ANSWERS_READ answers, newest first: the activities they
    used (for variety) and how each standard's practice is going (for the lesson offer)."""
    return [
        RecentAnswer(activity, bool(correct), tuple(int(s) for s in standard_ids or ()))
        for activity, correct, standard_ids in RECENT_ANSWERS.rows(student_id)
    ]


INTERESTS = Statement(
    lambda: (
        f"SELECT {column(LearnerProfile, 'interests')} FROM {table(LearnerProfile)} "
        f"WHERE {column(LearnerProfile, 'student')} = %s LIMIT 1"
    ),
    [(LearnerProfile, "interests")],
)


def interests(student_id: int) -> list[str]:
    found = INTERESTS.first(student_id)
    return list(found[0] or ()) if found else []


# --- the practice session the page answers in ----------------------------------------

SESSION_FIELDS = (
    "id", "student", "activity", "current_item", "current_client_id", "served_at",
    "hints_shown", "answered", "answered_correctly", "started_at", "last_active_at",
    "finished_at", "attempt", "scaffolds_shown", "solution_shown", "misses_in_a_row",
    "levels_at_start", "end_reason", "scaffold_answers", "ended_by",
)  # fmt: skip


@dataclass(frozen=True)
class SessionRow:
    """A practice session as the practice page and its answer read and write it: every
    field of the row as values, foreign keys by id (no model instance). What an answer
    or a served item changes is a new row (`dataclasses.replace`), written back by
    `save_session_progress` / `save_session_served`."""

    id: int
    student_id: int
    activity_id: int
    current_item_id: int | None
    current_client_id: uuid.UUID | None
    served_at: datetime | None
    hints_shown: int
    answered: int
    answered_correctly: int
    started_at: datetime
    last_active_at: datetime
    finished_at: datetime | None
    attempt: int
    scaffolds_shown: int
    solution_shown: bool
    misses_in_a_row: int
    levels_at_start: dict[str, int]
    end_reason: str
    scaffold_answers: Any
    ended_by_id: int | None

    @property
    def pk(self) -> int:
        """The id, by the name templates use for a row's key."""
        return self.id

    @classmethod
    def of(cls, session: PracticeSession) -> SessionRow:
        """The row of a session the ORM has just created (a new session)."""
        return cls(*(getattr(session, f.name) for f in dataclasses.fields(cls)))


OPEN_SESSION_FOR_UPDATE = Statement(
    lambda: (
        f"SELECT {quoted(PracticeSession, SESSION_FIELDS)} FROM {table(PracticeSession)} "
        f"WHERE {column(PracticeSession, 'student')} = %s "
        f"AND {column(PracticeSession, 'activity')} = %s "
        f"AND {column(PracticeSession, 'finished_at')} IS NULL "
        f"ORDER BY {column(PracticeSession, 'started_at')} DESC LIMIT 1"
    ),
    _columns(PracticeSession, SESSION_FIELDS),
    lock=True,
)


def open_session_for_update(student_id: int, activity_id: int) -> SessionRow | None:
    """The student's newest unfinished session on the activity, locked (PostgreSQL)."""
    found = OPEN_SESSION_FOR_UPDATE.first(student_id, activity_id)
    return None if found is None else SessionRow(*found)


PROGRESS = (
    "answered", "answered_correctly", "current_item", "current_client_id", "last_active_at",
    "attempt", "misses_in_a_row", "finished_at", "end_reason", "ended_by",
)  # fmt: skip
SESSION_PROGRESS = Update(PracticeSession, PROGRESS)
SERVED = (
    "current_item", "current_client_id", "served_at", "hints_shown", "last_active_at",
    "attempt", "scaffolds_shown", "solution_shown", "finished_at", "end_reason",
)  # fmt: skip
SESSION_SERVED = Update(PracticeSession, SERVED)
_FOREIGN_KEYS = {"current_item", "ended_by"}  # read from the row by their `_id`


def _session_values(session: SessionRow, names: tuple[str, ...]) -> dict[str, Any]:
    return {
        name: getattr(session, f"{name}_id" if name in _FOREIGN_KEYS else name) for name in names
    }


def save_session_progress(session: SessionRow) -> None:
    """Write what an answer changed of the session (`session_flow.after_answer`)."""
    SESSION_PROGRESS.run(session.id, _session_values(session, PROGRESS))


def save_session_served(session: SessionRow) -> None:
    """Write the item just served (or the session's end when none is left)."""
    SESSION_SERVED.run(session.id, _session_values(session, SERVED))


# --- which item the practice page serves next ----------------------------------------


def _items_sql() -> str:
    return (
        f"SELECT DISTINCT {column(Item, 'id')}, {column(Item, 'difficulty')} "
        f"FROM {table(ActivityItem)} INNER JOIN {table(Item)} "
        f"ON {column(Item, 'id')} = {column(ActivityItem, 'item')} "
        f"WHERE {column(ActivityItem, 'activity')} = %s AND {column(Item, 'status')} = %s "
        f"ORDER BY {column(Item, 'id')} ASC"
    )


def _item_standards_sql() -> str:
    through = Item.standards.through
    return (
        f"SELECT DISTINCT {column(through, 'item')}, {column(through, 'standard')} "
        f"FROM {table(through)} INNER JOIN {table(ActivityItem)} "
        f"ON {column(ActivityItem, 'item')} = {column(through, 'item')} "
        f"WHERE {column(ActivityItem, 'activity')} = %s"
    )


ACTIVITY_ITEMS = Statement(_items_sql)
ACTIVITY_ITEM_STANDARDS = Statement(_item_standards_sql)


def activity_items(activity_id: int, status: str) -> dict[int, tuple[int | None, tuple[int, ...]]]:
    """The activity's items of this status by id: (difficulty, standards)."""
    items: dict[int, tuple[int | None, list[int]]] = {
        item_id: (difficulty, [])
        for item_id, difficulty in ACTIVITY_ITEMS.rows(activity_id, status)
    }
    for item_id, standard_id in ACTIVITY_ITEM_STANDARDS.rows(activity_id):
        if item_id in items:
            items[item_id][1].append(standard_id)
    return {pk: (difficulty, tuple(standards)) for pk, (difficulty, standards) in items.items()}


def answer_counts(
    student_id: int, item_ids: list[int], since: datetime
) -> dict[int, tuple[int, int]]:
    """Per item: the student's answers since `since` (in this session), and answers
    ever; reads only this student's responses (index on student, item). The IN list has
    one parameter per item."""
    if not item_ids:
        return {}
    created, item = (column(Response, name) for name in ("created_at", "item"))
    sql = (
        f"SELECT {item}, "
        f"SUM(CASE WHEN {created} >= %s THEN 1 ELSE 0 END), COUNT(*) "
        f"FROM {table(Response)} WHERE {column(Response, 'student')} = %s "
        f"AND {item} IN ({', '.join(['%s'] * len(item_ids))}) GROUP BY {item}"
    )
    params = [connection.ops.adapt_datetimefield_value(since), student_id, *item_ids]
    return {item_id: (int(right), int(seen)) for item_id, right, seen in fetch(sql, params)}
