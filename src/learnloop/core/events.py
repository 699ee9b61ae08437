"""Learning events: what a service tells the outside world happened, in its own transaction.

A service that makes a change an LRS (or any other record keeper) cares about calls
`record_events` inside the transaction that makes the change; every sink registered in
`EVENT_SINKS` (the xAPI outbox, `learnloop.xapi.outbox`) stores them in that same
transaction, so an event exists exactly when its change was committed. A sink must keep
the answer path cheap: one INSERT for all the events of one call, whatever their number.
With no sink registered, recording costs nothing. A service whose one write records
events from several places wraps them in `gathered()`, so the sinks still run once.

A single answer records no event: its response holds the facts of its "answered" and of
the levels it moved (`Response.level_moves`), and the session it ended names it
(`PracticeSession.ended_by`); the xAPI app takes all of them from those rows (ADR 0017).
A synced batch records its level changes here. `Verb.ANSWERED`, `COMPLETED`, `MASTERED`
and `PROGRESSED` name those statements' verbs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from learnloop.core.slots import Slot


class Verb:
    """The kinds of event, named for their xAPI verbs."""

    ANSWERED = "answered"
    COMPLETED = "completed"
    MASTERED = "mastered"  # a standard's level reached its top
    PROGRESSED = "progressed"  # a standard's level changed, not to its top
    GOAL_SET = "goal-set"
    GOAL_MET = "goal-met"
    SHARED = "shared"


@dataclass(frozen=True)
class LearningEvent:
    """One thing that happened to one student, with the ids needed to describe it later.

    `object_type` is one of "item", "activity", "standard", "goal", "artifact"; `result`
    holds plain JSON values (success, score, level); `standard_ids` are the standards
    the event is about, sent as context activities by their CASE URIs.
    """

    verb: str
    student_id: int
    school_id: int | None
    object_type: str
    object_id: int
    when: datetime
    result: dict[str, Any] = field(default_factory=dict)
    standard_ids: tuple[int, ...] = ()
    activity_id: int | None = None


EventSink = Callable[[Sequence[LearningEvent]], None]

EVENT_SINKS: Slot[EventSink] = Slot(
    "core.event_sinks",
    doc="Stores learning events in the caller's transaction (one INSERT per call).",
    query_budget=1,
)


_gathering: ContextVar[list[LearningEvent] | None] = ContextVar("learning_events", default=None)


def record_events(events: Sequence[LearningEvent]) -> None:
    """Hand the events to every sink, in the caller's transaction (or to the enclosing
    `gathered()` block, which hands them on when it ends)."""
    if not events:
        return
    pending = _gathering.get()
    if pending is not None:
        pending.extend(events)
        return
    for sink in EVENT_SINKS.providers():
        sink(events)


@contextmanager
def gathered() -> Iterator[None]:
    """Hold the events recorded in the block and hand them to the sinks together when it
    ends, still inside the caller's transaction; an exception drops them with the
    transaction. Nested blocks hand theirs to the outermost one."""
    if _gathering.get() is not None:
        yield
        return
    token = _gathering.set([])
    try:
        yield
        held = _gathering.get() or []
    finally:
        _gathering.reset(token)
    record_events(held)
