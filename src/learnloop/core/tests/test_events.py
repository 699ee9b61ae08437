"""Learning events reach every sink once per call, or once per `gathered()` block."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from learnloop.core.events import EVENT_SINKS, LearningEvent, Verb, gathered, record_events

WHEN = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def event(verb: str) -> LearningEvent:
    return LearningEvent(verb, 1, 1, "item", 1, WHEN)


def test_each_call_reaches_each_sink_once_and_a_block_gathers_its_calls() -> None:
    calls: list[list[str]] = []

    def sink(events: Sequence[LearningEvent]) -> None:
        calls.append([e.verb for e in events])

    with EVENT_SINKS.emptied(), EVENT_SINKS.lent(sink):
        record_events([])
        record_events([event(Verb.ANSWERED)])
        with gathered():
            record_events([event(Verb.ANSWERED), event(Verb.MASTERED)])
            with gathered():
                record_events([event(Verb.COMPLETED)])
            assert len(calls) == 1  # held until the outer block ends
    assert calls == [["answered"], ["answered", "mastered", "completed"]]


def test_a_block_that_fails_hands_nothing_on() -> None:
    calls: list[int] = []
    with EVENT_SINKS.emptied(), EVENT_SINKS.lent(lambda events: calls.append(len(events))):
        with pytest.raises(RuntimeError), gathered():
            record_events([event(Verb.SHARED)])
            raise RuntimeError
        record_events([event(Verb.SHARED)])
    assert calls == [1]
