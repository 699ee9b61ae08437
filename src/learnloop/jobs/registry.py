"""How any app defines a background job: `@job(...)` over a module-level function.

    from learnloop.jobs.registry import job

    @job(max_attempts=6, backoff_seconds=30)
    def pass_back_score(*, school_id: int, line_item: str) -> str:
        ...  # idempotent: running it twice does no harm

    pass_back_score.enqueue(school_id=3, line_item="...")   # from a service, after commit

The result is a task of Django's tasks framework (the django-tasks backport; ADR 0010)
on the database backend, so the job row is written in the caller's transaction: a job
enqueued by a write that rolls back never runs. Keyword arguments only, JSON values
only. A job that raises is recorded as failed with its traceback and, while attempts
remain, enqueued again to run after `backoff_seconds * 2 ** (attempt - 1)` (capped at
`max_backoff_seconds`); the attempt number travels in the `job_attempt` keyword. Pass
`school_id` when a job belongs to one school: its admin then sees it on /jobs/.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from learnloop.core.slots import Slot

ATTEMPT = "job_attempt"
# A job "running" for longer than this lost its worker (killed mid-job): it no longer
# keeps its schedule from being enqueued again.
STALE_RUNNING = timedelta(hours=6)
logger = logging.getLogger("learnloop.jobs")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff_seconds: float = 30.0
    max_backoff_seconds: float = 3600.0

    def delay(self, attempt: int) -> timedelta:
        """How long to wait before the attempt after `attempt` (1-based)."""
        seconds = self.backoff_seconds * 2 ** (attempt - 1)
        return timedelta(seconds=min(seconds, self.max_backoff_seconds))


POLICIES: dict[str, RetryPolicy] = {}  # by task path, for the jobs page


def job(
    *,
    max_attempts: int = 5,
    backoff_seconds: float = 30.0,
    max_backoff_seconds: float = 3600.0,
    queue_name: str = "default",
    priority: int = 0,
) -> Callable[[Callable[..., Any]], Task[..., Any]]:
    """Make a module-level function a retried background job (see the module's doc)."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    policy = RetryPolicy(max_attempts, backoff_seconds, max_backoff_seconds)

    def decorate(function: Callable[..., Any]) -> Task[..., Any]:
        defined: list[Task[..., Any]] = []

        @functools.wraps(function)
        def run(**kwargs: Any) -> Any:
            attempt = int(kwargs.pop(ATTEMPT, 1))
            try:
                return function(**kwargs)
            except Exception:
                if attempt < policy.max_attempts:
                    when = timezone.now() + policy.delay(attempt)
                    defined[0].using(run_after=when).enqueue(**kwargs, **{ATTEMPT: attempt + 1})
                    logger.warning("job %s failed (attempt %s); retry at %s", run, attempt, when)
                raise

        made = task(queue_name=queue_name, priority=priority)(run)
        defined.append(made)
        POLICIES[made.module_path] = policy
        return made

    return decorate


def enqueue_once(job_task: Task[..., Any], *, run_after: datetime | None = None, **kwargs: Any):  # type: ignore[no-untyped-def]
    """Enqueue unless the same job with the same arguments is already waiting or running.

    For jobs enqueued on a schedule (the flush of the xAPI outbox, the nightly refit): a
    second worker, or a second tick, finds the first one and adds nothing. A job left
    "running" for over STALE_RUNNING by a killed worker does not count.
    """
    stale = timezone.now() - STALE_RUNNING
    waiting = (
        DBTaskResult.objects.filter(
            task_path=job_task.module_path,
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        )
        .exclude(status=TaskResultStatus.RUNNING, started_at__lt=stale)
        .only("args_kwargs")
    )
    for row in waiting:
        queued = dict(row.args_kwargs.get("kwargs", {}))
        queued.pop(ATTEMPT, None)
        if queued == kwargs:
            return None
    chosen = job_task.using(run_after=run_after) if run_after else job_task
    return chosen.enqueue(**kwargs)


@dataclass(frozen=True)
class Periodic:
    """A job the worker keeps enqueued: `next_run(now)` says when it should run next."""

    job: Task[..., Any]
    next_run: Callable[[datetime], datetime]
    kwargs: tuple[tuple[str, Any], ...] = ()


PERIODIC_JOBS: Slot[Callable[[], list[Periodic]]] = Slot(
    "jobs.periodic",
    doc="Jobs the worker keeps enqueued on a schedule (each app's own periodic jobs).",
)


def every(seconds: float) -> Callable[[datetime], datetime]:
    def next_run(now: datetime) -> datetime:
        return now + timedelta(seconds=seconds)

    return next_run


def daily_at(hour: int) -> Callable[[datetime], datetime]:
    """The next time the local clock (TIME_ZONE) shows `hour`:00."""

    def next_run(now: datetime) -> datetime:
        local = timezone.localtime(now)
        at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        if at <= local:
            at += timedelta(days=1)
        return at

    return next_run


def schedule_periodic(now: datetime | None = None) -> int:
    """Enqueue each periodic job that is not already waiting; how many were enqueued."""
    now = now or timezone.now()
    enqueued = 0
    for provider in PERIODIC_JOBS.providers():
        for periodic in provider():
            made = enqueue_once(
                periodic.job, run_after=periodic.next_run(now), **dict(periodic.kwargs)
            )
            enqueued += made is not None
    return enqueued
