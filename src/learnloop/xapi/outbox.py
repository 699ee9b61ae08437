"""The event sink: learning events become outbox rows in the caller's transaction.

One INSERT per call whatever the number of events (an answer's "answered" and its level
changes together), and no read: whether the school sends statements at all is decided
when they are sent (`services.send_due`), which keeps the answer path at one statement.
"""

from __future__ import annotations

from collections.abc import Sequence

from learnloop.core.events import LearningEvent
from learnloop.xapi.queries import insert_outbox_rows


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
