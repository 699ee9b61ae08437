"""gunicorn's settings for `learnloop serve` and `learnloop demo` (`-c python:<this module>`).

The app is loaded once, in the master, before the workers fork (preload_app): Django,
every app and numpy are imported once and their memory pages are shared by all workers,
instead of each worker importing its own copy. On a classroom computer with two workers
that is the difference between about 360 MB and 170 MB for the whole server after a
class session (docs/benchmarks/system.md). What must not cross a fork is handled here:
- database connections are closed in the master before each fork, so no two processes
  ever share one socket or SQLite handle;
- threads do not survive a fork, so the SQLite WAL checkpointer is started in each
  worker after it forks, not in the master (wsgi.py leaves it to this module);
- the objects loaded so far are frozen out of the garbage collector's reach
  (gc.freeze), so a worker's collections do not write to, and so copy, shared pages.

Running gunicorn directly (a district's app host) use the same settings:
`gunicorn -c python:learnloop.config.gunicorn learnloop.config.wsgi:application`.
"""

from __future__ import annotations

import gc
import os
from typing import Any

preload_app = True
# wsgi.py reads this: the checkpointer thread belongs to the workers, started below.
os.environ["LEARNLOOP_WORKER_THREADS_AFTER_FORK"] = "1"


def pre_fork(server: Any, worker: Any) -> None:
    from django.db import connections

    connections.close_all()
    gc.freeze()


def post_fork(server: Any, worker: Any) -> None:
    from learnloop.core.wal import start_checkpointer

    start_checkpointer()
    if os.environ.get("LEARNLOOP_INPROCESS_WORKER") == "1":
        # `learnloop demo`: one job worker in a thread of one server process (the first
        # to take the lock in the data folder; learnloop.jobs.inprocess).
        from django.conf import settings

        from learnloop.jobs.inprocess import start_in_process_worker

        start_in_process_worker(settings.DATA_DIR / "jobs-worker.lock")
