"""Learning events: what a service tells the outside world happened, in its own transaction.

A service that makes a change an LRS (or any other record keeper) cares about calls
`record_events` inside the transaction that makes the change; every sink registered in
`EVENT_SINKS` (the xAPI outbox, `learnloop.xapi.outbox`) stores them in that same
transaction, so an event exists exactly when its change was committed. A sink must keep
the answer path cheap: one INSERT for all the events of one call, whatever their number.
With no sink registered, recording costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


def record_events(events: Sequence[LearningEvent]) -> None:
    """Hand the events to every sink, in the caller's transaction."""
    if not events:
        return
    for sink in EVENT_SINKS.providers():
        sink(events)
