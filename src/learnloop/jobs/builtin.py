"""The queue's own periodic job: pruning finished jobs once a day."""

from __future__ import annotations

from learnloop.jobs.registry import PERIODIC_JOBS, Periodic, daily_at, job
from learnloop.jobs.services import prune_finished_jobs


@job(max_attempts=3, backoff_seconds=60)
def prune_jobs() -> int:
    """Delete finished jobs older than LEARNLOOP_JOBS_KEEP_DAYS (idempotent)."""
    return prune_finished_jobs()


def periodic_jobs() -> list[Periodic]:
    return [Periodic(prune_jobs, daily_at(3))]


def register_builtin_jobs() -> None:
    if periodic_jobs not in PERIODIC_JOBS:
        PERIODIC_JOBS.register(periodic_jobs)
