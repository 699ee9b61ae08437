"""A batch of answers practiced offline, synced at once: `answer_batch`.

The rules are the single answer's (`access.may_answer_many` is `may_answer` for many
pairs; `service.grade_answer` grades both), applied to the whole batch in one
transaction: every answer that may be stored is inserted by one statement (a repeated
client id is skipped by the database, as on the single path), the engine then runs over
the stored answers in client-time order in memory, and each touched (student, standard)
row is written once. The statements do not grow with the batch (a test holds a batch of
5 and one of 200 to the same count); they grow only with the distinct activities asked
about and the standards touched.

What the service refuses, and why, is defined in docs/learning.md ("Syncing a batch").
"""

from __future__ import annotations

import enum
import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.content.grading import GradeResult
from learnloop.content.item_instances import template_of
from learnloop.core.events import record_events
from learnloop.engine.practice_policy import Help, answer_credit, right_for_engine
from learnloop.engine.recommend import Option
from learnloop.learning import engine_state
from learnloop.learning.answering import batch_queries
from learnloop.learning.answering.access import Answerable, may_answer_many
from learnloop.learning.answering.batch_parsing import SyncedAnswer
from learnloop.learning.answering.parsing import AnswerError, AnswerSubmission
from learnloop.learning.answering.service import (
    answer_as_stored,
    grade_answer,
    level_events,
    save_step,
    stored_hints,
    stored_seconds,
)
from learnloop.learning.engine_state import SkillUpdate
from learnloop.learning.selectors import board_for_student

logger = logging.getLogger("learnloop.sync")

CLOCK_AHEAD_ALLOWED = timedelta(minutes=5)
CLOCK_BEHIND_ALLOWED = timedelta(days=30)


class Status(enum.StrEnum):
    STORED = "stored"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


class Reason(enum.StrEnum):
    """Why an answer of a batch was refused (docs/learning.md, "Syncing a batch")."""

    ITEM_RETIRED = "item_retired"  # no longer published, or never one the student could see
    ACTIVITY_CLOSED = "activity_closed"  # no longer published
    NOT_IN_CLASS = "not_in_class"  # the student is no longer in a class it belongs to
    INVALID_ANSWER = "invalid_answer"  # the current item cannot grade it
    CLOCK_BEHIND = "clock_behind"  # answered, by its clock, more than 30 days ago
    NO_TIME_ZONE = "no_time_zone"  # its time names no time zone: its moment is unknown


class Flag(enum.StrEnum):
    ITEM_CHANGED = "item_changed"  # edited after it was answered: graded as it is now
    CLOCK_ADJUSTED = "clock_adjusted"  # the client's clock was ahead: stored at receipt
    REGRADED = "regraded"  # the server's mark differs from the browser's: the server's counts


@dataclass(frozen=True)
class SyncResult:
    """What became of one answer of a batch."""

    client_id: uuid.UUID
    status: Status
    reason: Reason | None = None
    message: str = ""
    grade: GradeResult | None = None
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class BatchOutcome:
    """Per answer, in the order sent; each touched standard's state; the next board."""

    results: list[SyncResult]
    updates: tuple[SkillUpdate, ...] = ()
    board: list[Option] = field(default_factory=list)


@dataclass(frozen=True)
class _Accepted:
    answer: SyncedAnswer
    answerable: Answerable
    grade: GradeResult
    when: datetime
    flags: tuple[Flag, ...]
    credit: float  # what the answer is worth (`_credit`)


def answer_batch(
    *, student: User, answers: list[SyncedAnswer], board_limit: int = 6, now: datetime | None = None
) -> BatchOutcome:
    """Store what may be stored of the batch, in client-time order, in one transaction;
    a repeat of the batch stores nothing and says so per answer."""
    now = now or timezone.now()
    # The view's user is a lazy object: each attribute read through it costs a call
    # chain, so the id that every row and grade needs is read once.
    student_id = student.pk
    results: dict[int, SyncResult] = {}
    accepted = _checked_and_graded(student, _in_time(answers, now, results), results)
    with transaction.atomic():
        stored = batch_queries.insert_responses_once(
            [_row(student_id, item, now) for item in accepted]
        )
        _repeats_are_not_refusals(student, results)
        for item in accepted:
            fresh = item.answer.client_id in stored
            results[item.answer.position] = SyncResult(
                item.answer.client_id,
                Status.STORED if fresh else Status.DUPLICATE,
                grade=item.grade if fresh else None,
                flags=item.flags if fresh else _without_regrade(item.flags),
            )
        _log_disagreements(student, [item for item in accepted if item.answer.client_id in stored])
        credited = [
            engine_state.Answered(
                tuple(sorted(item.answerable.standard_names)),
                right_for_engine(correct=item.grade.correct, credit=item.credit),
                item.when,
                item.answer.submission.item_id,
            )
            for item in accepted
            if item.answer.client_id in stored
        ]
        step = engine_state.answers_step(student_id, credited)
        snapshot, updates = save_step(student, step, now)
        # the batch's level changes; each answer's "answered" is its stored response,
        # taken from the log by the xAPI send job (ADR 0017)
        record_events(level_events(student, updates, now))
    board = board_for_student(student, now, limit=board_limit, snapshot=snapshot)
    return BatchOutcome([results[a.position] for a in answers], updates, board)


_Timed = tuple[SyncedAnswer, datetime, tuple[Flag, ...]]  # an answer, when stored, flags


def _in_time(
    answers: list[SyncedAnswer], now: datetime, results: dict[int, SyncResult]
) -> list[_Timed]:
    """The answers in client-time order with the time each is stored at; a client id seen
    before in the batch is a duplicate, a clock out of bounds a refusal (in `results`)."""
    ordered = sorted(answers, key=lambda a: (_sort_time(a.client_time, now), a.client_id))
    first_seen: set[uuid.UUID] = set()
    timed: list[_Timed] = []
    for answer in ordered:
        if answer.client_id in first_seen:  # the same id twice in one batch: the first counts
            results[answer.position] = SyncResult(answer.client_id, Status.DUPLICATE)
            continue
        first_seen.add(answer.client_id)
        when, flags, refusal = _timed(answer.client_time, now)
        if refusal is not None:
            results[answer.position] = _refusal(answer, *refusal)
        else:
            timed.append((answer, when, flags))
    return timed


def _checked_and_graded(
    student: User, timed: list[_Timed], results: dict[int, SyncResult]
) -> list[_Accepted]:
    """The answers the student may give, graded (in order); the others refused."""
    verdicts = may_answer_many(
        student, [(a.submission.item_id, a.submission.activity_id) for a, _, _ in timed]
    )
    accepted: list[_Accepted] = []
    grades = _Grades(student.pk)
    for answer, when, flags in timed:
        try:
            accepted.append(_accept(grades, answer, verdicts, when, flags))
        except AnswerError as error:
            results[answer.position] = _refusal(answer, _reason(error), error.message)
    return accepted


def _sort_time(client_time: datetime, now: datetime) -> datetime:
    """Where an answer goes in client-time order: by its own clock, ties by client id,
    so that two batches holding the same answers insert them in the same order (on
    PostgreSQL, two inserts taking the same keys in opposite orders could deadlock).
    One with no time zone is refused anyway."""
    return now if client_time.tzinfo is None or client_time.utcoffset() is None else client_time


def _timed(
    client_time: datetime, now: datetime
) -> tuple[datetime, tuple[Flag, ...], tuple[Reason, str] | None]:
    """When the answer is stored as given, its flags, or why it is refused."""
    if client_time.tzinfo is None or client_time.utcoffset() is None:
        return now, (), (Reason.NO_TIME_ZONE, "its client_time names no time zone")
    if client_time < now - CLOCK_BEHIND_ALLOWED:
        return now, (), (Reason.CLOCK_BEHIND, "it was answered more than 30 days ago")
    if client_time > now + CLOCK_AHEAD_ALLOWED:
        return now, (Flag.CLOCK_ADJUSTED,), None
    return min(client_time, now), (), None


class _Grades:
    """The batch's grades: each distinct (item, answer) graded once. Grading is a pure
    function of the item and the answer, except for a variabilized item, whose instance
    each answer's client id draws: those are graded answer by answer (`grade_answer`)."""

    def __init__(self, student_id: int) -> None:
        self.student_id = student_id
        self.found: dict[tuple[int, Any], GradeResult | AnswerError] = {}

    def grade(self, answerable: Answerable, submission: AnswerSubmission) -> GradeResult:
        if template_of(answerable.item) is not None:
            return grade_answer(self.student_id, answerable, submission)[0]
        key = (answerable.item.id, _same_answer(submission.answer))
        if key not in self.found:
            try:
                self.found[key] = grade_answer(self.student_id, answerable, submission)[0]
            except AnswerError as error:
                self.found[key] = error
        found = self.found[key]
        if isinstance(found, AnswerError):
            raise found
        return found


def _same_answer(answer: Any) -> Any:
    """A key equal only for answers that grade alike (1, 1.0 and "1" are not one)."""
    return (type(answer), tuple(answer) if isinstance(answer, list) else answer)


def _accept(
    grades: _Grades,
    answer: SyncedAnswer,
    verdicts: dict[tuple[int, int | None], Answerable | AnswerError],
    when: datetime,
    flags: tuple[Flag, ...],
) -> _Accepted:
    verdict = verdicts[(answer.submission.item_id, answer.submission.activity_id)]
    if isinstance(verdict, AnswerError):
        raise verdict
    grade = grades.grade(verdict, answer.submission)
    if verdict.item.updated_at > when:
        flags = (*flags, Flag.ITEM_CHANGED)
    if answer.client_correct is not None and answer.client_correct != grade.correct:
        flags = (*flags, Flag.REGRADED)
    return _Accepted(answer, verdict, grade, when, flags, _credit(answer, grade))


def _without_regrade(flags: tuple[Flag, ...]) -> tuple[Flag, ...]:
    """A duplicate's flags: its mark was compared when it was first stored."""
    return tuple(flag for flag in flags if flag is not Flag.REGRADED)


def _log_disagreements(student: User, stored: list[_Accepted]) -> None:
    """Each stored answer the browser marked otherwise than the server: a warning (ids
    only, never the answer's text); the count is in SQL (`Response.client_correct`)."""
    for item in stored:
        if Flag.REGRADED in item.flags:
            logger.warning(
                "offline answer regraded: student %s item %s client id %s browser %s server %s",
                student.pk,
                item.answer.submission.item_id,
                item.answer.client_id,
                "right" if item.answer.client_correct else "wrong",
                "right" if item.grade.correct else "wrong",
            )


def _reason(error: AnswerError) -> Reason:
    if error.field == "activity_id":
        return Reason.ACTIVITY_CLOSED if error.status == 404 else Reason.NOT_IN_CLASS
    if error.field == "item_id":
        return Reason.ITEM_RETIRED if error.status == 404 else Reason.NOT_IN_CLASS
    return Reason.INVALID_ANSWER


def _refusal(answer: SyncedAnswer, reason: Reason, message: str) -> SyncResult:
    return SyncResult(answer.client_id, Status.REFUSED, reason, message)


def _repeats_are_not_refusals(student: User, results: dict[int, SyncResult]) -> None:
    """An answer refused now (its item retired since) but stored by an earlier sync is a
    repeat: the client may drop it. Asked only when the batch has refusals."""
    refused = [r.client_id for r in results.values() if r.status is Status.REFUSED]
    stored = batch_queries.stored_client_ids(student.pk, refused)
    for position, result in results.items():
        if result.client_id in stored:
            results[position] = replace(result, status=Status.DUPLICATE, reason=None, message="")


def _credit(answer: SyncedAnswer, grade: GradeResult) -> float:
    """An offline answer's worth: a first try, lowered by the hints it used, as online."""
    hints = stored_hints(answer.submission)
    return answer_credit(grade.score, attempt=1, help_used=Help(hints=hints))


def _row(student_id: int, accepted: _Accepted, now: datetime) -> dict[str, Any]:
    submission = accepted.answer.submission
    return {
        "student": student_id,
        "client_id": submission.client_id,
        "item": submission.item_id,
        "activity": submission.activity_id,
        "answer": answer_as_stored(submission.answer),
        "correct": accepted.grade.correct,
        "score": accepted.credit,
        "hints_used": stored_hints(submission),
        "seconds": stored_seconds(submission),
        "standard_ids": sorted(accepted.answerable.standard_names),
        "created_at": accepted.when,
        "received_at": now,
        "client_correct": accepted.answer.client_correct,
    }
