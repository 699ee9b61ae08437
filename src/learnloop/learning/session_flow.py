"""What happens to a practice session around an answer: tries, help, its end.

The rules are the engine's (`engine.practice_policy`); this module reads the session
row, asks them, and stores what they decide. The answer itself is
`answering.service.answer_in_session`, which calls `after_answer` under the session's
lock; `reveal_help` and `finish_session` are the page's two other writes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from learnloop.content.models import Activity, Item
from learnloop.content.selectors import scaffolds_of
from learnloop.engine.levels import Level
from learnloop.engine.practice_policy import (
    EndReason,
    HelpStep,
    SessionProgress,
    SessionTarget,
    TargetKind,
    end_reason,
    may_try_again,
    next_help,
    right_for_engine,
)
from learnloop.learning.answering.queries import ActivityRow, ResponseRow, SessionRow
from learnloop.learning.models import PracticeSession
from learnloop.learning.standing import levels_for
from learnloop.learning.step_player import step_hints, step_scaffolds


def target_for(activity: Activity | ActivityRow) -> SessionTarget:
    """The session target the activity asks for (`extra["practice"]`), or the default."""
    extra = activity.extra if isinstance(activity.extra, dict) else {}
    return SessionTarget.from_settings(extra.get("practice"))


@dataclass(frozen=True)
class AfterAnswer:
    """What the answer did to the session, for the feedback page."""

    try_again: bool
    ended: EndReason | None


def after_answer(
    session: SessionRow,
    *,
    activity: Activity | ActivityRow,
    response: ResponseRow,
    now: datetime,
) -> tuple[SessionRow, AfterAnswer]:
    """Count the stored answer into the session: the session as the answer leaves it (the
    caller holds its lock and saves it), and what that means for the feedback page.

    A wrong first try keeps the item for a second try; otherwise the item is done, and
    the session ends when the policy says so (target reached, cap, or routed after
    repeated misses). Only first tries count toward the session's items and misses.
    A session the policy ends names the answer that ended it (`ended_by`): the xAPI send
    job takes its "completed" statement with that response (ADR 0017), so nothing more
    is written here.
    """
    item_id, correct = response.item_id, response.correct
    # Right as the engine counts it (graded right and worth at least half: not after the
    # worked solution, four hints, or a multi-step question's skipped steps), so "right
    # first time" and the misses that route to the lesson say what the mastery model saw.
    right = right_for_engine(correct=correct, credit=response.score)
    on_current = session.current_item_id == item_id
    first_try = session.attempt <= 1 or not on_current
    if first_try:
        session = replace(
            session,
            answered=session.answered + 1,
            answered_correctly=session.answered_correctly + int(right),
            misses_in_a_row=0 if right else session.misses_in_a_row + 1,
        )
    session = replace(session, last_active_at=now)
    if on_current and may_try_again(
        correct=correct, attempt=session.attempt, solution_shown=session.solution_shown
    ):
        session = replace(session, attempt=session.attempt + 1, current_client_id=uuid.uuid4())
        return session, AfterAnswer(try_again=True, ended=None)
    if on_current:
        session = replace(session, current_item_id=None)
    target = target_for(activity)
    progress = SessionProgress(
        items_done=session.answered,
        misses_in_a_row=session.misses_in_a_row,
        all_mastered=target.kind is TargetKind.MASTERY and _all_mastered(session),
    )
    reason = end_reason(target, progress)
    if reason is not None:
        session = replace(
            session,
            finished_at=now,
            end_reason=reason.value,
            current_item_id=None,
            current_client_id=None,
            ended_by_id=response.id,
        )
    return session, AfterAnswer(try_again=False, ended=reason)


def questions_done(session: SessionRow | PracticeSession) -> int:
    """The questions the student has finished: answered right, out of tries, or answered
    after the solution was shown. `answered` counts first tries (the session's end and its
    summary count those), so the current question, while its second try is still to come,
    is answered but not done."""
    second_try_pending = (
        session.current_item_id is not None and session.attempt > 1 and session.finished_at is None
    )
    return session.answered - int(second_try_pending)


def _all_mastered(session: SessionRow) -> bool:
    standard_ids = [int(pk) for pk in session.levels_at_start]
    if not standard_ids:
        return False
    levels = levels_for([session.student_id], standard_ids)
    return len(levels) == len(standard_ids) and all(lv >= Level.MASTERED for lv in levels.values())


def help_offered(
    session: PracticeSession | SessionRow,
    item: Item | None,
    scaffold_count: int,
    hint_count: int | None = None,
) -> HelpStep:
    """The next help the practice page offers on the session's current item, `item`
    (`hint_count`: the current step's hints, for a multi-step item; else the item's)."""
    if item is None:
        return HelpStep("", "")
    return next_help(
        hints_shown=session.hints_shown,
        hints=len(item.hints) if hint_count is None else hint_count,
        scaffolds_shown=session.scaffolds_shown,
        scaffolds=scaffold_count,
        solution=bool(item.solution) and not session.solution_shown,
    )


@transaction.atomic
def reveal_help(*, session: PracticeSession) -> str:
    """Show the next help on the current item (a hint, a scaffold, the worked solution);
    returns which kind was shown ("" when none is left)."""
    # Lock only the session row: PostgreSQL refuses FOR UPDATE across an outer join.
    session = (
        PracticeSession.objects.select_for_update(of=("self",))
        .select_related("current_item")
        .get(pk=session.pk)
    )
    item = session.current_item
    scaffolds = step_scaffolds(session, item, scaffolds_of(session.current_item_id))
    hints = step_hints(session, item)
    step = help_offered(session, item, len(scaffolds), None if hints is None else len(hints))
    if step.kind == "hint":
        session.hints_shown += 1
    elif step.kind == "scaffold":
        session.scaffolds_shown += 1
    elif step.kind == "solution":
        session.solution_shown = True
    session.save(update_fields=["hints_shown", "scaffolds_shown", "solution_shown"])
    return step.kind


@transaction.atomic
def finish_session(*, session: PracticeSession, now: datetime | None = None) -> None:
    """The student stops: the session ends where it is (its summary stays readable)."""
    if session.finished_at is not None:
        return
    session.finished_at = now or timezone.now()
    session.current_item = None
    session.end_reason = session.end_reason or EndReason.STOPPED.value
    session.save(update_fields=["finished_at", "current_item", "end_reason"])
