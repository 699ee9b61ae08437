"""One worker in a thread of one server process, for `learnloop demo` (one computer).

Guarded twice, so that only one runs however many gunicorn workers start it: a lock in
this process, and an exclusive lock on a file in the data folder across processes. The
process that holds the file lock runs the thread; the others skip it. The lock goes
with its process, so a restarted server process can take it again.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from pathlib import Path
from typing import IO

from learnloop.jobs.worker import run_forever

logger = logging.getLogger("learnloop.jobs")
_GUARD = threading.Lock()
_state: dict[str, object] = {}


def start_in_process_worker(lock_path: Path, *, interval: float = 5.0) -> bool:
    """Start the worker thread unless one already runs here or in another process."""
    with _GUARD:
        if "thread" in _state:
            return False
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle: IO[str] = lock_path.open("a")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        stop = threading.Event()
        thread = threading.Thread(
            target=run_forever,
            kwargs={"interval": interval, "stop": stop},
            name="learnloop-jobs",
            daemon=True,
        )
        _state.update(thread=thread, stop=stop, lock=handle)
        thread.start()
        logger.info("in-process job worker started")
        return True


def stop_in_process_worker(timeout: float = 10.0) -> None:
    """Stop the thread (tests) and release the file lock."""
    with _GUARD:
        thread, stop, handle = (
            _state.pop("thread", None),
            _state.pop("stop", None),
            _state.pop("lock", None),
        )
    if isinstance(stop, threading.Event):
        stop.set()
    if isinstance(thread, threading.Thread):
        thread.join(timeout)
    if handle is not None:
        handle.close()  # type: ignore[attr-defined]
