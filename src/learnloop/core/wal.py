"""SQLite's WAL checkpoints off the request path, for the classroom server.

SQLite copies its write-ahead log back into the database file ("checkpoints") in
whichever connection's commit pushes the log past `wal_autocheckpoint` pages. That
request then waits for the copy and its fsync: 20 to 25 ms on the benchmark's disk,
once every 50 to 60 answers, which was the whole of the answer path's wall-clock p99
on SQLite (docs/benchmarks/system.md). So the settings raise that threshold tenfold,
to a safety net that normal operation never reaches, and each server process runs a
daemon thread that checkpoints PASSIVE (never waiting on readers or writers) every
CHECKPOINT_SECONDS on its own connection, outside any request.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.db import connections

CHECKPOINT_SECONDS = 1.0
logger = logging.getLogger(__name__)


def checkpoint(cursor: Any) -> tuple[int, int, int]:
    """One PASSIVE checkpoint: (busy, frames in the log, frames copied back)."""
    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
    busy, log, copied = cursor.fetchone()
    return int(busy), int(log), int(copied)


def start_checkpointer(
    alias: str = "default",
    interval: float = CHECKPOINT_SECONDS,
    stop: threading.Event | None = None,
) -> threading.Thread | None:
    """Checkpoint `alias` every `interval` seconds in a daemon thread (SQLite only)."""
    if connections[alias].vendor != "sqlite":
        return None
    stop = stop or threading.Event()
    thread = threading.Thread(
        target=_run, args=(alias, interval, stop), name="sqlite-wal-checkpoint", daemon=True
    )
    thread.start()
    return thread


def _run(alias: str, interval: float, stop: threading.Event) -> None:
    try:
        while not stop.wait(interval):
            try:
                with connections[alias].cursor() as cursor:  # this thread's own connection
                    checkpoint(cursor)
            except Exception:  # a failed checkpoint is retried; SQLite's own is the net
                logger.exception("WAL checkpoint failed")
    finally:
        connections[alias].close()
