"""Practice sessions: opening one and which item comes next.

Item order adapts (`engine.practice_policy.choose_item`): no item comes back while one
not yet served in this session remains; among those, the one whose predicted success
is nearest TARGET_SUCCESS (about 70%: hard enough to learn from, easy enough to keep
going); every REVIEW_EVERY-th item is a due review of another standard when one is due.
What an answer does to the session (second try, end, route) is `session_flow`.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.content.models import Activity, ActivityKind, Item, Status
from learnloop.engine.practice_policy import TARGET_SUCCESS, EndReason, ItemChoice, choose_item
from learnloop.engine.tracing import Observation, RelationalKT, TraceState
from learnloop.learning.answering import queries
from learnloop.learning.answering.queries import ActivityRow, SessionRow
from learnloop.learning.engine_state import active_model, read_snapshot, skill_state_for
from learnloop.learning.models import MasteryState, PracticeSession
from learnloop.learning.standing import levels_for

REVIEW_EVERY = 4
DIFFICULTY_STEP = 0.4  # logit shift per difficulty point away from 3 (of 1..5)
# A session that ended this recently is what reopening the practice page shows (its
# summary, with "Practice again"); after that, the page starts a new session.
ENDED_SHOWN_FOR = timedelta(hours=12)


class SessionEnded(Exception):
    """An answer or a page for a session that has ended (`ended_session`): nothing is
    stored, and the page shows the session's summary."""

    def __init__(self, session: SessionRow) -> None:
        super().__init__(f"practice session {session.id} has ended")
        self.session = session


def ended_session(
    student: User, activity: Activity | ActivityRow, now: datetime | None = None
) -> SessionRow | None:
    """The student's newest session on the activity when it ended within ENDED_SHOWN_FOR
    and none was started after it: reopening the page shows its summary, and only
    "Practice again" (`open_session(..., again=True)`) starts a new one."""
    now = now or timezone.now()
    newest = (
        PracticeSession.objects.filter(student=student, activity_id=activity.id)
        .order_by("-started_at", "-pk")
        .first()
    )
    if newest is None or newest.finished_at is None:
        return None
    if newest.answered == 0 and newest.end_reason == EndReason.NO_ITEMS.value:
        return None  # nothing was practiced: the page tries to serve again
    return SessionRow.of(newest) if newest.finished_at >= now - ENDED_SHOWN_FOR else None


@transaction.atomic
def open_session(
    *,
    student: User,
    activity: Activity | ActivityRow,
    now: datetime | None = None,
    again: bool = True,
) -> SessionRow:
    """The student's unfinished session on this activity, or a new one; an item is ready.

    With `again=False` (the practice page opened, an answer arriving with no open
    session) a session that ended lately (`ended_session`) is returned as it is,
    finished, for the page to show its summary: a new session starts only when the
    student asks for one ("Practice again"). The session is a `SessionRow` (values, no
    model instance): the pages keep the student and the activity they were given."""
    now = now or timezone.now()
    found = queries.open_session_for_update(student.pk, activity.id)
    if found is None and not again:
        ended = ended_session(student, activity, now)
        if ended is not None:
            return ended
    if found is not None:
        session = found
    else:
        created = PracticeSession.objects.create(
            student=student,
            activity_id=activity.id,
            started_at=now,
            last_active_at=now,
            levels_at_start=levels_now(student, activity),
        )
        session = SessionRow.of(created)
    if session.current_item_id is None:
        session = serve_next_item(session, now)
    return session


def levels_now(student: User, activity: Activity | ActivityRow) -> dict[str, int]:
    """The student's level (all evidence combined) on each standard of the activity."""
    standard_ids = queries.activity_standard_ids(activity.id)
    found = levels_for([student.pk], standard_ids)
    return {str(pk): int(found.get((student.pk, pk), 0)) for pk in standard_ids}


def serve_next_item(session: SessionRow, now: datetime) -> SessionRow:
    """Serve the next item with a fresh first try, or end the session when none is left;
    the session as stored."""
    item_id = _review_item(session, now) if _review_turn(session) else None
    item_id = item_id or choose_item(_candidates(session))
    served = replace(
        session,
        current_item_id=item_id,
        current_client_id=uuid.uuid4() if item_id else None,
        served_at=now,
        hints_shown=0,
        scaffolds_shown=0,
        attempt=1,
        solution_shown=False,
        last_active_at=now,
    )
    if item_id is None:
        served = replace(served, finished_at=now, end_reason=EndReason.NO_ITEMS.value)
    queries.save_session_served(served)
    return served


def current_item(session: SessionRow) -> Item | None:
    """The item the session serves now (one query; None when none is served)."""
    if session.current_item_id is None:
        return None
    item: Item | None = Item.objects.filter(pk=session.current_item_id).first()
    return item


def _review_turn(session: SessionRow) -> bool:
    return session.answered % REVIEW_EVERY == REVIEW_EVERY - 1


def _candidates(session: SessionRow) -> list[ItemChoice]:
    items = queries.activity_items(session.activity_id, Status.PUBLISHED)
    counts = queries.answer_counts(session.student_id, list(items), session.started_at)
    predictor = _Predictor(session.student_id)
    return [
        ItemChoice(
            item_id,
            predictor.for_item(item_id, standards, difficulty),
            *counts.get(item_id, (0, 0)),
        )
        for item_id, (difficulty, standards) in items.items()
    ]


def _review_item(session: SessionRow, now: datetime) -> int | None:
    """An item from another practice activity on a standard whose review is due."""
    due = (
        MasteryState.objects.filter(student_id=session.student_id, review_due_at__lte=now)
        .exclude(standard__activities=session.activity_id)
        .order_by("review_due_at")
        .values_list("standard_id", flat=True)
        .first()
    )
    if due is None:
        return None
    item_ids = list(
        Item.objects.filter(
            standards=due,
            status=Status.PUBLISHED,
            entries__activity__kind=ActivityKind.PRACTICE,
            entries__activity__status=Status.PUBLISHED,
        )
        .exclude(pk=session.current_item_id)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    if not item_ids:
        return None
    seen = {
        item_id: n
        for item_id, (_, n) in queries.answer_counts(session.student_id, item_ids, now).items()
    }
    return min(item_ids, key=lambda pk: (seen.get(pk, 0), pk))


class _Predictor:
    """P(correct) per item from the student's current states: the model's own estimate of
    the item where its fit learned that item's difficulty (the relational model fitted on
    LearnLoop's items), else the standards' prediction shifted by the authored difficulty."""

    def __init__(self, student_id: int) -> None:
        self.model = active_model()
        self.snapshot = read_snapshot(student_id)

    def for_item(self, item_id: int, standards: tuple[int, ...], difficulty: int | None) -> float:
        if not standards:
            return TARGET_SUCCESS
        aggregate, states = self.snapshot.student, self.snapshot.states
        traces = [
            TraceState(
                skill_state_for(
                    self.model, sid, states[sid].skill_state if sid in states else None, aggregate
                ),
                aggregate,
            )
            for sid in standards
        ]
        model = self.model
        if isinstance(model, RelationalKT) and model.knows_item(str(item_id)):
            return min(
                model.predict_answer(
                    trace, Observation(trace.skill.skill_id, True, item_id=str(item_id))
                )
                for trace in traces
            )
        predictions = [model.predict_correct(trace) for trace in traces]
        logit = math.log(min(predictions) / max(1e-6, 1 - min(predictions)))
        shift = DIFFICULTY_STEP * ((difficulty or 3) - 3)
        return 1 / (1 + math.exp(-(logit - shift)))
