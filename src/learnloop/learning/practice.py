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

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.content.models import Activity, ActivityKind, Item, Status
from learnloop.engine.tracing import StudentState, TraceState
from learnloop.learning.engine_state import active_model, skill_state_for
from learnloop.learning.models import MasteryState, PracticeSession, Response, StudentTrace
from learnloop.learning.plain_sql import Select, Update
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


def _open_sessions(student: User, activity: Activity) -> QuerySet[PracticeSession]:
    """The student's unfinished sessions on the activity, newest first."""
    return PracticeSession.objects.filter(
        student=student, activity=activity, finished_at__isnull=True
    ).order_by("-started_at")


@transaction.atomic
def open_session(
    *, student: User, activity: Activity, now: datetime | None = None
) -> PracticeSession:
    """The student's unfinished session on this activity, or a new one; an item is ready."""
    now = now or timezone.now()
    session = _open_sessions(student, activity).select_for_update().first()
    if session is None:
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
    session.save(
        update_fields=[
            "current_item",
            "current_client_id",
            "served_at",
            "hints_shown",
            "last_active_at",
        ]
    )


def _review_turn(session: PracticeSession) -> bool:
    return session.answered % REVIEW_EVERY == REVIEW_EVERY - 1


def _candidates(session: PracticeSession) -> list[Candidate]:
    items = list(
        Item.objects.filter(entries__activity=session.activity, status=Status.PUBLISHED)
        .prefetch_related("standards")
        .order_by("pk")
    )
    counts = answer_counts(session.student, [item.pk for item in items], session.started_at)
    predictor = _Predictor(session.student, {s.pk for item in items for s in item.standards.all()})
    return [
        Candidate(item.pk, predictor.for_item(item), *counts.get(item.pk, (0, 0))) for item in items
    ]


def answer_counts(
    student: User, item_ids: list[int], since: datetime
) -> dict[int, tuple[int, int]]:
    """Per item: the student's right answers since `since`, and answers ever.

    Reads only this student's responses (index on student, item), never every answer
    to the item: the log grows by the district, a student's history by one.
    """
    rows = (
        Response.objects.filter(student=student, item_id__in=item_ids)
        .values("item_id")
        .annotate(
            seen=Count("pk"),
            right=Count("pk", filter=Q(correct=True, created_at__gte=since)),
        )
        .values_list("item_id", "right", "seen")
    )
    return {item_id: (right, seen) for item_id, right, seen in rows}


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

    def __init__(self, student: User, standard_ids: set[int]) -> None:
        self.model = active_model()
        trace = StudentTrace.objects.filter(student=student).first()
        self.student = (
            StudentState.from_dict(trace.state) if trace and trace.state else StudentState()
        )
        self.stored = dict(
            MasteryState.objects.filter(student=student, standard_id__in=standard_ids).values_list(
                "standard_id", "skill_state"
            )
        )

    def for_item(self, item: Item) -> float:
        standards = [s.pk for s in item.standards.all()]
        if not standards:
            return TARGET_SUCCESS
        predictions = [
            self.model.predict_correct(
                TraceState(
                    skill_state_for(self.model, sid, self.stored.get(sid), self.student),
                    self.student,
                )
            )
            for sid in standards
        ]
        logit = math.log(min(predictions) / max(1e-6, 1 - min(predictions)))
        shift = DIFFICULTY_STEP * ((item.difficulty or 3) - 3)
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
        SESSION_PROGRESS.run(session.pk, {name: getattr(session, name) for name in PROGRESS})
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
