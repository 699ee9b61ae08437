"""The answer: grade and store it, update mastery, build the next choice board.

`answer_item` is the one service both entrances call (the JSON endpoint directly, the
practice page through `answer_in_session`, which holds the session's lock around it).
In one transaction it stores the response (a repeated client id returns the first
result) and updates the student's mastery states for the item's standards through the
engine's O(1) online update; its query count does not depend on how many responses
are stored (a test holds it to that).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.content.gradable import GradableItem
from learnloop.content.grading import ChoiceSpec, GradeResult
from learnloop.content.grading_adapter import grade_item
from learnloop.content.item_instances import draw_seed, item_instance
from learnloop.core.events import LearningEvent, Verb
from learnloop.engine.levels import Level
from learnloop.engine.practice_policy import (
    Help,
    answer_credit,
    counts_for_engine,
    may_try_again,
    right_for_engine,
)
from learnloop.engine.recommend import Option
from learnloop.learning import engine_state
from learnloop.learning.answering import queries
from learnloop.learning.answering.access import Answerable, may_answer
from learnloop.learning.answering.parsing import AnswerError, AnswerSubmission, submission
from learnloop.learning.answering.queries import ActivityRow, ItemRow, ResponseRow, SessionRow
from learnloop.learning.engine_state import SkillUpdate, StudentSnapshot
from learnloop.learning.practice import SessionEnded, open_session
from learnloop.learning.selectors import board_for_student
from learnloop.learning.session_flow import after_answer
from learnloop.learning.step_player import instance_client, parts_credit

MAX_SECONDS_ON_ITEM = 30 * 60
MAX_HINTS_STORED = 20
CORRECT_FEEDBACK = "Correct!"  # what grading says of a plain right answer
REPEAT_WRONG_FEEDBACK = "Check your work and try again."


def stored_hints(submission: AnswerSubmission) -> int:
    """The hints an answer is stored (and credited) with: clamped, as any path stores it."""
    return max(0, min(int(submission.hints_used), MAX_HINTS_STORED))


def stored_seconds(submission: AnswerSubmission) -> int:
    """The seconds an answer is stored with: clamped, as any path stores it."""
    return max(0, min(int(submission.seconds), MAX_SECONDS_ON_ITEM))


@dataclass(frozen=True)
class AnswerResult:
    """What recording one answer did (`record_response`)."""

    response: ResponseRow
    feedback: str
    duplicate: bool
    updates: tuple[SkillUpdate, ...] = ()
    standard_names: dict[int, str] = field(default_factory=dict)  # the item's standards, named
    snapshot: StudentSnapshot | None = None  # the student's states after the answer
    choices: tuple[ChoiceSpec, ...] | None = None  # the item's, as read; None: not read
    item: ItemRow | None = None  # the response's item, as read; None: not read


@dataclass(frozen=True)
class AnswerOutcome:
    """One answer, whole: the stored response, the mastery updates, the next board."""

    response: ResponseRow
    updates: tuple[SkillUpdate, ...]
    board: list[Option]
    feedback: str
    duplicate: bool
    standard_names: dict[int, str]
    # The item's choices as the answer read them (empty for other kinds), for the
    # feedback page's "your answer"; None for a repeat of an answer whose item changed.
    choices: tuple[ChoiceSpec, ...] | None = None
    # The response's item as the answer read it, for the feedback page; None for a
    # repeat of an answer to another item (`answered_item` reads it then).
    item: ItemRow | None = None

    @property
    def more_feedback(self) -> str:
        """What the feedback says beyond right or wrong ("" for a plain right answer),
        so that no page compares the feedback's words."""
        return "" if self.feedback == CORRECT_FEEDBACK else self.feedback


def answer_item(
    *,
    student: User,
    submission: AnswerSubmission,
    board_limit: int = 6,
    now: datetime | None = None,
) -> AnswerOutcome:
    """Record the submission (`record`) and build the board from the student's states as
    the answer left them (no second read of them)."""
    when = now or timezone.now()
    result = record(student=student, submission=submission, now=when)
    board = board_for_student(student, when, limit=board_limit, snapshot=result.snapshot)
    return AnswerOutcome(
        response=result.response,
        updates=result.updates,
        board=board,
        feedback=result.feedback,
        duplicate=result.duplicate,
        standard_names=result.standard_names,
        choices=result.choices,
        item=result.item,
    )


def record_response(
    *,
    student: User,
    item_id: Any,
    client_id: Any,
    answer: Any,
    hints_used: int = 0,
    seconds: int = 0,
    activity: int | None = None,
    now: datetime | None = None,
) -> AnswerResult:
    """`record` for an answer given as plain values (tests, the demo's history)."""
    given = submission(
        item_id=item_id,
        client_id=client_id,
        answer=answer,
        hints_used=hints_used,
        seconds=seconds,
        activity_id=activity,
    )
    return record(student=student, submission=given, now=now)


def record(
    *, student: User, submission: AnswerSubmission, now: datetime | None = None
) -> AnswerResult:
    """Grade and store one answer and update mastery; a repeated client id is a no-op.

    The answer's activity (when given) and item are checked here (`access.may_answer`).
    A variabilized item is graded as the instance its client id draws for this student
    (`content.item_instances`), the one the page showed with that client id.
    The reads that validate run first; the writes share one transaction (the caller's,
    when there is one: the practice page holds its session's lock around this).
    """
    key = submission.client_id
    try:
        answerable = may_answer(student, submission.item_id, submission.activity_id)
        if submission.retry_of is not None:
            check_second_try(student.pk, submission)
        grade, choices = grade_answer(student.pk, answerable, submission)
    except AnswerError:
        stored = queries.stored_response(student.pk, key)
        if stored is not None:  # a repeat of an answer stored before the item changed
            return _repeat(stored)
        raise
    item, when = answerable.item, now or timezone.now()
    standard_ids = sorted(answerable.standard_names)
    hints_used = stored_hints(submission)
    help_used = Help(hints_used, submission.scaffolds_used, submission.solution_shown)
    credit = answer_credit(grade.score, attempt=submission.attempt, help_used=help_used)
    if submission.parts_credit is not None:
        credit = credit_over_steps(item, submission.parts_credit, credit)
    with transaction.atomic(savepoint=False):
        # The engine runs first (its locked read of the student's states), so that the
        # response is stored with the levels it moved: the xAPI send job takes their
        # statements with it (ADR 0017) and the answer writes no outbox row. A repeat
        # read the states for nothing and writes none of them.
        step = None
        if counts_for_engine(submission.attempt):
            right = right_for_engine(correct=grade.correct, credit=credit)
            step = engine_state.answer_step(student.pk, standard_ids, right, when, item.id)
        response = queries.insert_response_once(
            {
                "student": student.pk,
                "client_id": key,
                "item": item.id,
                "activity": answerable.activity_id,
                "answer": answer_as_stored(submission.answer),
                "correct": grade.correct,
                "score": credit,
                "hints_used": hints_used,
                "attempt": submission.attempt,
                "scaffolds_used": submission.scaffolds_used,
                "solution_shown": submission.solution_shown,
                "retry_of": submission.retry_of,
                "seconds": stored_seconds(submission),
                "standard_ids": standard_ids,
                "created_at": when,
                "level_moves": level_moves(step.updates) if step is not None else None,
            }
        )
        if response is None:  # a repeat: this client id is stored already
            stored = queries.stored_response(student.pk, key)
            assert stored is not None
            return _repeat(stored, (item, choices))
        snapshot: StudentSnapshot | None = None
        updates: tuple[SkillUpdate, ...] = ()
        if step is not None:  # the rows the engine step changed, each written once
            snapshot, updates = save_step(student, step, when)
    return AnswerResult(
        response=response,
        feedback=grade.feedback,
        duplicate=False,
        updates=updates,
        standard_names=answerable.standard_names,
        snapshot=snapshot,
        choices=choices,
        item=item,
    )


def level_moves(updates: tuple[SkillUpdate, ...]) -> list[list[int]] | None:
    """What a response stores of the levels its answer moved: [standard id, new level]
    for each standard whose one level moved, in the engine's order; None when none did
    (most answers). `xapi.outbox` makes "mastered"/"progressed" of them."""
    moved = [
        [update.standard_id, int(update.headline)]
        for update in updates
        if update.headline != update.previous_headline
    ]
    return moved or None


def level_events(
    student: User, updates: tuple[SkillUpdate, ...], when: datetime
) -> list[LearningEvent]:
    """ "mastered" (the top level reached) or "progressed" for each standard whose one
    level moved: a synced batch's, whose moves are the whole batch's, not one answer's
    (a single answer stores its own on its response: `level_moves`)."""
    return [
        LearningEvent(
            verb=Verb.MASTERED if update.headline == Level.MASTERED else Verb.PROGRESSED,
            student_id=student.pk,
            school_id=student.school_id,
            object_type="standard",
            object_id=update.standard_id,
            when=when,
            result={"level": update.headline.label, "scaled": int(update.headline) / 4},
            standard_ids=(update.standard_id,),
        )
        for update in updates
        if update.headline != update.previous_headline
    ]


def grade_answer(
    student_id: int, answerable: Answerable, submission: AnswerSubmission
) -> tuple[GradeResult, tuple[ChoiceSpec, ...]]:
    """The grade of an answer the student may give and the choices it was graded against:
    the one grading call of the single answer and of a synced batch. A variabilized item
    is graded as the instance its client id draws for this student
    (`content.item_instances`), the one the page showed with that client id. An answer
    that cannot be graded (not a number, no such choice) is an `AnswerError` on "answer"."""
    seed = draw_seed(student_id, submission.retry_of or submission.client_id)
    shown = item_instance(answerable.item, seed, answerable.choices)
    grade = grade_item(shown.item, submission.answer, shown.choices)
    if not grade.valid:
        raise AnswerError("answer", gettext(grade.feedback))
    return grade, shown.choices


def credit_over_steps(item: GradableItem, earlier: tuple[float, ...], last: float) -> float:
    """A multi-step item's credit: the mean of its steps' credits (a step not answered
    in the player counts 0); the answer's own for a one-step item."""
    steps = len(((item.extra or {}).get("oatutor", {}).get("template") or {}).get("steps", []))
    if steps < 2:
        return last
    credits = [*earlier[: steps - 1], *[0.0] * (steps - 1 - len(earlier)), last]
    return round(sum(credits) / steps, 4)


def check_second_try(student_id: int, submission: AnswerSubmission) -> None:
    """A second try sent through the API (`retry_of`) follows the same rule as the
    page's (`engine.practice_policy.may_try_again`): the first try is this student's, to
    this item, a wrong first try without the worked solution, and has no second try yet
    (a repeat of the second try's own client id is answered as a repeat before this)."""
    first = queries.stored_response(student_id, submission.retry_of)
    if first is None:
        raise AnswerError("retry_of", gettext("names no answer of yours: send the first try first"))
    if first.item_id != submission.item_id:
        raise AnswerError("retry_of", gettext("was an answer to another item"))
    if first.attempt != 1 or first.retry_of is not None:
        raise AnswerError("retry_of", gettext("is a second try itself: an item has one second try"))
    if not may_try_again(correct=first.correct, attempt=1, solution_shown=first.solution_shown):
        why = (
            gettext("was right: a second try follows a wrong answer")
            if first.correct
            else gettext("came after the worked solution: no second try follows it")
        )
        raise AnswerError("retry_of", why)
    taken = queries.second_try_of(student_id, submission.retry_of)
    if taken is not None and taken.client_id != submission.client_id:
        raise AnswerError("retry_of", gettext("already has its second try"))


def _repeat(
    response: ResponseRow, read: tuple[ItemRow, tuple[ChoiceSpec, ...]] | None = None
) -> AnswerResult:
    """The first answer of a repeated client id. `read`: the item and choices this
    repeat read, kept when the first answer was to that item."""
    feedback = CORRECT_FEEDBACK if response.correct else REPEAT_WRONG_FEEDBACK
    same = read is not None and read[0].id == response.item_id
    return AnswerResult(
        response=response,
        feedback=feedback,
        duplicate=True,
        choices=read[1] if read is not None and same else None,
        item=read[0] if read is not None and same else None,
    )


def answered_item(outcome: AnswerOutcome) -> ItemRow:
    """The item the outcome's response answered: as the answer read it, or (a repeat of
    an answer to another item, off the hot path) read now."""
    if outcome.item is not None:
        return outcome.item
    item = queries.item(outcome.response.item_id)
    assert item is not None  # a response's item is protected from deletion
    return item


def answer_as_stored(answer: Any) -> Any:
    """The answer as the response row holds it (JSON: text, or a list of text)."""
    if isinstance(answer, (list, tuple)):
        return [str(part) for part in answer]
    return None if answer is None else str(answer)


def save_step(
    student: User, step: engine_state.Step, when: datetime
) -> tuple[StudentSnapshot, tuple[SkillUpdate, ...]]:
    """Write the rows an engine step changed (each once) and the student's aggregate;
    the snapshot after it (with the stored rows and the aggregate's id) and the updates."""
    if not step.updates:
        return step.snapshot, ()
    trace_id, stored = queries.save_student_rows(
        changed=step.changed,
        created=step.created,
        student_id=student.pk,
        trace_id=step.snapshot.trace_id,
        trace_state=step.snapshot.student.to_dict(),
        when=when,
    )
    states = {**step.snapshot.states, **{row.standard_id: row for row in stored}}
    return replace(step.snapshot, states=states, trace_id=trace_id), step.updates


@transaction.atomic
def answer_in_session(
    *,
    student: User,
    activity: ActivityRow,
    submission: AnswerSubmission,
    board_limit: int = 4,
    now: datetime | None = None,
) -> tuple[SessionRow, AnswerOutcome]:
    """`answer_item` for an answer given in the student's open session on the activity.

    The outcome always carries the answered item (the feedback page shows it). The
    session row is locked for the whole answer (one query finds and locks it), so
    two tabs answering at once are counted one after the other; a resubmission changes
    nothing. With no open session: when one ended lately (finished in another tab, or
    the answer came after the end) it is `SessionEnded` and nothing is stored; else one is
    opened first. The
    help shown, the try and the time since the item was served come from the session;
    what the answer does to the session is `session_flow.after_answer`.
    """
    now = now or timezone.now()
    session = queries.open_session_for_update(student.pk, activity.id)
    if session is None:
        session = open_session(student=student, activity=activity, now=now, again=False)
        if session.finished_at is not None:
            raise SessionEnded(session)
    on_current = session.current_item_id == submission.item_id
    steps_credit = parts_credit(session, submission.item_id)
    first_client = instance_client(session) if steps_credit is not None else None
    seconds = (
        int((now - session.served_at).total_seconds()) if on_current and session.served_at else 0
    )
    submission = replace(
        submission,
        hints_used=session.hints_shown if on_current else 0,
        seconds=seconds,
        activity_id=activity.id,
        attempt=session.attempt if on_current else 1,
        scaffolds_used=session.scaffolds_shown if on_current else 0,
        solution_shown=session.solution_shown if on_current else False,
        parts_credit=steps_credit,
        # The step player's second try is graded on the instance the steps were drawn on.
        retry_of=first_client if on_current and session.attempt > 1 else None,
    )
    outcome = answer_item(student=student, submission=submission, board_limit=board_limit, now=now)
    if outcome.item is None:  # the feedback page shows the item: a repeat's is read now
        item = answered_item(outcome)
        outcome = replace(outcome, item=item, choices=queries.item_choices(item.id))
    if not outcome.duplicate:
        session, _ = after_answer(session, activity=activity, response=outcome.response, now=now)
        queries.save_session_progress(session)
    return session, outcome
