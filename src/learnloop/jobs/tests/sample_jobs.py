"""Jobs defined the way any app defines one, for the queue's tests."""

from __future__ import annotations

from learnloop.jobs.registry import job

CALLS: list[str] = []


@job(max_attempts=2)
def add_up(*, numbers: list[int], school_id: int | None = None) -> int:
    CALLS.append("add")
    return sum(numbers)


@job(max_attempts=3, backoff_seconds=10)
def always_fails(*, reason: str, school_id: int | None = None) -> None:
    CALLS.append("fail")
    raise RuntimeError(reason)
