"""What goes into the outbox: learning events in the caller's transaction, and answers
taken from the response log by the send job.

Events (a level moved, a session completed, a goal, a shared artifact) are one INSERT per
call whatever their number, with no read: whether the school sends statements at all is
decided when they are sent (`services.send_due`).

An answer writes no outbox row (ADR 0017): the stored response already holds every fact
of its "answered" statement, the levels it moved (`Response.level_moves`), and the
practice session it ended names it (`PracticeSession.ended_by`). The send job takes each
school's responses past its mark (`LrsConfig.answers_through`) into the outbox in id
order, in batches, with their "mastered"/"progressed" and "completed" statements, and
moves the mark in the same transaction; each statement's id is derived from its
response's id, so a response becomes the same statements however often it is taken.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Coalesce

from learnloop.core.events import LearningEvent, Verb
from learnloop.engine.levels import Level
from learnloop.learning.models import PracticeSession, Response
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus
from learnloop.xapi.queries import insert_outbox_rows

ANSWERS_TAKEN = 500  # responses read per pass of `take_answers`
ANSWER_FIELDS = (
    "id", "student_id", "item_id", "activity_id", "correct", "score", "seconds",
    "standard_ids", "created_at", "stored_at", "level_moves",
)  # fmt: skip
SESSION_FIELDS = (
    "id",
    "ended_by_id",
    "activity_id",
    "answered",
    "answered_correctly",
    "end_reason",
)


def store_events(events: Sequence[LearningEvent]) -> None:
    insert_outbox_rows(
        [
            {
                "school": event.school_id,
                "student": event.student_id,
                "verb": str(event.verb),
                "object_type": event.object_type,
                "object_id": event.object_id,
                "activity_id": event.activity_id,
                "result": event.result,
                "standard_ids": list(event.standard_ids),
                "timestamp": event.when,
                "next_attempt_at": event.when,
            }
            for event in events
        ]
    )


def statement_id(response_id: int, what: str = "answered") -> uuid.UUID:
    """The id of a statement taken with a response ("answered", "completed", or
    "levels/<standard id>"): the same every time it is derived, and different for
    another install (its site address is part of the name)."""
    site = settings.SITE_URL or "http://localhost"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{site}/responses/{response_id}/{what}")


def answered_statement_id(response_id: int) -> uuid.UUID:
    """The id of a response's "answered" statement."""
    return statement_id(response_id)


def answered_row(response: dict, school_id: int) -> OutboxStatement:  # type: ignore[type-arg]
    """The outbox row of one stored response (values as `ANSWER_FIELDS` names them)."""
    return OutboxStatement(
        id=answered_statement_id(response["id"]),
        school_id=school_id,
        student_id=response["student_id"],
        verb=Verb.ANSWERED,
        object_type="item",
        object_id=response["item_id"],
        activity_id=response["activity_id"],
        result={
            "success": bool(response["correct"]),
            "scaled": float(response["score"]),
            "seconds": response["seconds"],
        },
        standard_ids=list(response["standard_ids"]),
        timestamp=response["created_at"],
        next_attempt_at=response["created_at"],
        status=OutboxStatus.PENDING,
    )


def level_rows(response: dict, school_id: int) -> list[OutboxStatement]:  # type: ignore[type-arg]
    """ "mastered" (the top level reached) or "progressed" for each level the response's
    answer moved, in the order it stores them, at the answer's time (the content
    `learning.answering.service.level_events` gives a synced batch's moves)."""
    rows = []
    for standard_id, level in response["level_moves"] or ():
        headline = Level(int(level))
        rows.append(
            OutboxStatement(
                id=statement_id(response["id"], f"levels/{int(standard_id)}"),
                school_id=school_id,
                student_id=response["student_id"],
                verb=Verb.MASTERED if headline == Level.MASTERED else Verb.PROGRESSED,
                object_type="standard",
                object_id=int(standard_id),
                activity_id=None,
                result={"level": headline.label, "scaled": int(headline) / 4},
                standard_ids=[int(standard_id)],
                timestamp=response["created_at"],
                next_attempt_at=response["created_at"],
                status=OutboxStatus.PENDING,
            )
        )
    return rows


def completed_row(session: dict, response: dict, school_id: int) -> OutboxStatement:  # type: ignore[type-arg]
    """The "completed" statement of the practice session the response's answer ended,
    with the session's share of right answers and why it ended."""
    answered = session["answered"]
    right = session["answered_correctly"] / answered if answered else 0.0
    return OutboxStatement(
        id=statement_id(response["id"], "completed"),
        school_id=school_id,
        student_id=response["student_id"],
        verb=Verb.COMPLETED,
        object_type="activity",
        object_id=session["activity_id"],
        activity_id=None,
        result={"completion": True, "scaled": round(right, 4), "ended": session["end_reason"]},
        standard_ids=[],
        timestamp=response["created_at"],
        next_attempt_at=response["created_at"],
        status=OutboxStatus.PENDING,
    )


def rows_taken_with(taken: list[dict], school_id: int) -> list[OutboxStatement]:  # type: ignore[type-arg]
    """Every statement of the taken responses (one read more: the sessions they ended):
    each answer's "answered", then the session it ended, then the levels it moved."""
    ended = {
        session["ended_by_id"]: session
        for session in PracticeSession.objects.filter(
            ended_by_id__gte=taken[0]["id"],
            ended_by_id__lte=taken[-1]["id"],
            student__school_id=school_id,
        ).values(*SESSION_FIELDS)
    }
    rows: list[OutboxStatement] = []
    for response in taken:
        rows.append(answered_row(response, school_id))
        if response["id"] in ended:
            rows.append(completed_row(ended[response["id"]], response, school_id))
        rows.extend(level_rows(response, school_id))
    return rows


def settle_horizon(now: datetime) -> datetime:
    """Responses stored before this are all visible: any transaction that wrote a
    response with a smaller id has committed (or rolled back) by then."""
    return now - timedelta(seconds=settings.LEARNLOOP_XAPI_SETTLE_SECONDS)


def answers_past_mark(config: LrsConfig):  # type: ignore[no-untyped-def]
    """The school's responses past its mark, oldest id first (a QuerySet of values)."""
    return (
        Response.objects.filter(id__gt=config.answers_through, student__school_id=config.school_id)
        .annotate(stored_at=Coalesce("received_at", "created_at"))
        .order_by("id")
        .values(*ANSWER_FIELDS)
    )


@transaction.atomic
def take_answers(*, config: LrsConfig, now: datetime, limit: int = ANSWERS_TAKEN) -> int:
    """Take the school's settled responses past its mark into the outbox (at most
    `limit`) with the levels they moved and the sessions they ended, and move the mark
    past them, in one transaction; returns how many responses.

    The mark is read locked, so two workers never take the same responses; a response
    is taken only when it and every response before it (by id) were stored before the
    settle horizon, so a slower transaction's answer is never passed over.
    """
    locked = LrsConfig.objects.select_for_update().get(pk=config.pk)
    horizon = settle_horizon(now)
    taken = []
    for response in answers_past_mark(locked)[:limit]:
        if response["stored_at"] > horizon:
            break  # this one and all after it wait for the next pass
        taken.append(response)
    if not taken:
        return 0
    OutboxStatement.objects.bulk_create(
        rows_taken_with(taken, locked.school_id),
        ignore_conflicts=True,  # taken already (a mark restored from a backup): kept once
    )
    locked.answers_through = taken[-1]["id"]
    locked.save(update_fields=["answers_through"])
    config.answers_through = locked.answers_through
    return len(taken)


def answers_waiting(config: LrsConfig, now: datetime) -> bool:
    """Whether the school has settled responses still to take."""
    return answers_past_mark(config).filter(stored_at__lte=settle_horizon(now)).exists()


def statements_past_mark(config: LrsConfig) -> int:
    """How many statements the school's responses past its mark will make: each one's
    "answered", the levels it moved and the session it ended (the admin's waiting count)."""
    past = answers_past_mark(config)
    moves = past.filter(level_moves__isnull=False).values_list("level_moves", flat=True)
    ended = PracticeSession.objects.filter(
        ended_by_id__gt=config.answers_through, student__school_id=config.school_id
    )
    return past.count() + sum(len(moved or ()) for moved in moves) + ended.count()
