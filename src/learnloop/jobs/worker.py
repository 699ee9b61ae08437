"""The worker loop: keep periodic jobs enqueued, run every ready job, wait, repeat.

Built on django-tasks-db's `Worker`, which claims one job at a time in its own
transaction (`SELECT ... FOR UPDATE SKIP LOCKED` on PostgreSQL, an exclusive
transaction on SQLite), so any number of workers on any number of hosts share one queue.
`learnloop worker` runs this in the foreground; `learnloop demo` runs it in a thread of
one server process (`inprocess`).
"""

from __future__ import annotations

import logging
import threading

from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from learnloop.jobs.registry import schedule_periodic

logger = logging.getLogger("learnloop.jobs")


def make_worker(*, worker_id: str | None = None) -> Worker:
    """A django-tasks-db worker over every queue that returns when none is ready."""
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id or get_random_string(32),
        excluded_queue_names=[],
    )


def run_ready_jobs(*, worker_id: str | None = None, schedule: bool = True) -> int:
    """One pass: enqueue due periodic jobs, then run every job ready now; how many ran."""
    if schedule:
        schedule_periodic()
    worker = make_worker(worker_id=worker_id)
    worker.run()
    return worker._run_tasks


def run_forever(
    *, interval: float = 5.0, stop: threading.Event | None = None, worker_id: str | None = None
) -> None:
    """Passes every `interval` seconds until `stop` is set (or the process ends)."""
    stop = stop or threading.Event()
    worker_id = worker_id or get_random_string(32)
    logger.info("learnloop worker %s started", worker_id)
    while not stop.is_set():
        try:
            run_ready_jobs(worker_id=worker_id)
        except Exception:  # a database hiccup must not end the worker; log and go on
            logger.exception("worker pass failed; trying again in %s s", interval)
        finally:
            close_old_connections()
        stop.wait(interval)
