"""Practice sessions: which item comes next, hints, and answering inside a session.

Item order adapts: the next item is the one whose predicted success is nearest
TARGET_SUCCESS (about 70%: hard enough to learn from, easy enough to keep going),
preferring items not yet answered correctly in this session; every REVIEW_EVERY-th
item is a due review of another standard when one is due.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.content.models import Activity, ActivityItem, ActivityKind, Item, Status
from learnloop.engine.tracing import TraceState
from learnloop.learning.engine_state import active_model, read_snapshot, skill_state_for
from learnloop.learning.models import MasteryState, PracticeSession, Response
from learnloop.learning.plain_sql import Select, Update, column, fetch, per_vendor, table
from learnloop.learning.services import AnswerResult, record_response

TARGET_SUCCESS = 0.70
REVIEW_EVERY = 4
DIFFICULTY_STEP = 0.4  # logit shift per difficulty point away from 3 (of 1..5)


@dataclass(frozen=True)
class Candidate:
    item_id: int
    predicted: float
    answered_right: int
    seen: int


def pick_item(candidates: list[Candidate]) -> int | None:
    """Nearest to the target success rate, fewest right answers, least seen, then oldest."""
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda c: (
            c.answered_right,
            round(abs(c.predicted - TARGET_SUCCESS), 2),
            c.seen,
            c.item_id,
        ),
    )
    return best.item_id


@transaction.atomic
def open_session(
    *, student: User, activity: Activity, now: datetime | None = None
) -> PracticeSession:
    """The student's unfinished session on this activity, or a new one; an item is ready."""
    now = now or timezone.now()
    found = OPEN_SESSION_FOR_UPDATE.instances(student.pk, activity.pk)
    if found:
        session = found[0]
        session.student, session.activity = student, activity  # already loaded
    else:
        session = PracticeSession.objects.create(
            student=student, activity=activity, started_at=now, last_active_at=now
        )
    if session.current_item_id is None:
        serve_next_item(session, now)
    return session


def serve_next_item(session: PracticeSession, now: datetime) -> None:
    item_id = _review_item(session, now) if _review_turn(session) else None
    item_id = item_id or pick_item(_candidates(session))
    session.current_item_id = item_id
    session.current_client_id = uuid.uuid4() if item_id else None
    session.served_at = now
    session.hints_shown = 0
    session.last_active_at = now
    SESSION_SERVED.run_from(session)


def _review_turn(session: PracticeSession) -> bool:
    return session.answered % REVIEW_EVERY == REVIEW_EVERY - 1


def _candidates(session: PracticeSession) -> list[Candidate]:
    items = activity_items(session.activity_id)
    counts = answer_counts(session.student, list(items), session.started_at)
    predictor = _Predictor(session.student)
    return [
        Candidate(item_id, predictor.for_item(standards, difficulty), *counts.get(item_id, (0, 0)))
        for item_id, (difficulty, standards) in items.items()
    ]


def activity_items(activity_id: int) -> dict[int, tuple[int | None, tuple[int, ...]]]:
    """The activity's published items by id: (difficulty, standards). Two plain-SQL
    reads (learning.plain_sql): this runs each time a question is served."""
    items = {
        item_id: (difficulty, [])
        for item_id, difficulty in fetch(_items_sql(), [activity_id, Status.PUBLISHED])
    }
    for item_id, standard_id in fetch(_item_standards_sql(), [activity_id]):
        if item_id in items:
            items[item_id][1].append(standard_id)
    return {pk: (difficulty, tuple(standards)) for pk, (difficulty, standards) in items.items()}


@per_vendor
def _items_sql() -> str:
    return (
        f"SELECT DISTINCT {column(Item, 'id')}, {column(Item, 'difficulty')} "
        f"FROM {table(ActivityItem)} INNER JOIN {table(Item)} "
        f"ON {column(Item, 'id')} = {column(ActivityItem, 'item')} "
        f"WHERE {column(ActivityItem, 'activity')} = %s AND {column(Item, 'status')} = %s "
        f"ORDER BY {column(Item, 'id')} ASC"
    )


@per_vendor
def _item_standards_sql() -> str:
    through = Item.standards.through
    return (
        f"SELECT DISTINCT {column(through, 'item')}, {column(through, 'standard')} "
        f"FROM {table(through)} INNER JOIN {table(ActivityItem)} "
        f"ON {column(ActivityItem, 'item')} = {column(through, 'item')} "
        f"WHERE {column(ActivityItem, 'activity')} = %s"
    )


def answer_counts(
    student: User, item_ids: list[int], since: datetime
) -> dict[int, tuple[int, int]]:
    """Per item: the student's right answers since `since`, and answers ever.

    Reads only this student's responses (index on student, item), never every answer
    to the item: the log grows by the district, a student's history by one.
    """
    if not item_ids:
        return {}
    correct, created, item = (column(Response, name) for name in ("correct", "created_at", "item"))
    sql = (
        f"SELECT {item}, "
        f"SUM(CASE WHEN {correct} = %s AND {created} >= %s THEN 1 ELSE 0 END), COUNT(*) "
        f"FROM {table(Response)} WHERE {column(Response, 'student')} = %s "
        f"AND {item} IN ({', '.join(['%s'] * len(item_ids))}) GROUP BY {item}"
    )
    params = [True, connection.ops.adapt_datetimefield_value(since), student.pk, *item_ids]
    return {item_id: (int(right), int(seen)) for item_id, right, seen in fetch(sql, params)}


def _review_item(session: PracticeSession, now: datetime) -> int | None:
    """An item from another practice activity on a standard whose review is due."""
    due = (
        MasteryState.objects.filter(student=session.student, review_due_at__lte=now)
        .exclude(standard__activities=session.activity)
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
    seen = {item_id: n for item_id, (_, n) in answer_counts(session.student, item_ids, now).items()}
    return min(item_ids, key=lambda pk: (seen.get(pk, 0), pk))


class _Predictor:
    """P(correct) per item from the student's current states, shifted by item difficulty."""

    def __init__(self, student: User) -> None:
        self.model = active_model()
        self.snapshot = read_snapshot(student.pk)

    def for_item(self, standards: tuple[int, ...], difficulty: int | None) -> float:
        if not standards:
            return TARGET_SUCCESS
        aggregate, states = self.snapshot.student, self.snapshot.states
        predictions = [
            self.model.predict_correct(
                TraceState(
                    skill_state_for(
                        self.model,
                        sid,
                        states[sid].skill_state if sid in states else None,
                        aggregate,
                    ),
                    aggregate,
                )
            )
            for sid in standards
        ]
        logit = math.log(min(predictions) / max(1e-6, 1 - min(predictions)))
        shift = DIFFICULTY_STEP * ((difficulty or 3) - 3)
        return 1 / (1 + math.exp(-(logit - shift)))


@transaction.atomic
def answer_current_item(
    *,
    student: User,
    activity: Activity,
    item_id: int,
    client_id: str,
    answer: object,
    now: datetime | None = None,
) -> tuple[PracticeSession, AnswerResult]:
    """Record an answer given in the student's open session on the activity.

    The session row is locked for the whole answer (one query finds and locks it), so
    two tabs answering at once are counted one after the other; a resubmission changes
    nothing. With no open session (finished in another tab), one is opened first.
    """
    now = now or timezone.now()
    found = OPEN_SESSION_FOR_UPDATE.instances(student.pk, activity.pk)
    session = found[0] if found else open_session(student=student, activity=activity)
    session.student, session.activity = student, activity  # already loaded; not refetched
    on_current = session.current_item_id == int(item_id)
    seconds = (
        int((now - session.served_at).total_seconds()) if on_current and session.served_at else 0
    )
    result = record_response(
        student=student,
        item_id=item_id,
        client_id=client_id,
        answer=answer,
        hints_used=session.hints_shown if on_current else 0,
        seconds=seconds,
        activity=activity,
        now=now,
    )
    if not result.duplicate:
        session.answered += 1
        session.answered_correctly += int(result.response.correct)
        session.current_item_id = None if on_current else session.current_item_id
        session.last_active_at = now
        SESSION_PROGRESS.run_from(session)
    return session, result


# An answer's reads and writes of its session, as plain SQL (learning.plain_sql).
SESSION_FIELDS = (
    "id", "student", "activity", "current_item", "current_client_id", "served_at",
    "hints_shown", "answered", "answered_correctly", "started_at", "last_active_at",
    "finished_at",
)  # fmt: skip
OPEN_SESSION_FOR_UPDATE = Select(
    PracticeSession,
    SESSION_FIELDS,
    ("student", "activity", "finished_at IS NULL"),
    order_by="-started_at",
    limit=1,
    lock=True,
)
PROGRESS = ("answered", "answered_correctly", "current_item", "last_active_at")
SESSION_PROGRESS = Update(PracticeSession, PROGRESS)
SERVED = ("current_item", "current_client_id", "served_at", "hints_shown", "last_active_at")
SESSION_SERVED = Update(PracticeSession, SERVED)


@transaction.atomic
def reveal_hint(*, session: PracticeSession) -> int:
    """Show one more hint of the current item; returns how many are shown now."""
    # Lock only the session row: PostgreSQL refuses FOR UPDATE across an outer join.
    session = (
        PracticeSession.objects.select_for_update(of=("self",))
        .select_related("current_item")
        .get(pk=session.pk)
    )
    if session.current_item is None:
        return 0
    session.hints_shown = min(session.hints_shown + 1, len(session.current_item.hints))
    session.save(update_fields=["hints_shown"])
    return session.hints_shown


@transaction.atomic
def finish_session(*, session: PracticeSession, now: datetime | None = None) -> None:
    session.finished_at = now or timezone.now()
    session.current_item = None
    session.save(update_fields=["finished_at", "current_item"])
