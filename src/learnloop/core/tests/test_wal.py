"""WAL checkpoints in a thread: they copy the log back without any request waiting."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from learnloop.core.wal import checkpoint, start_checkpointer


def _wal_database(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA wal_autocheckpoint=0")  # as if the threshold were never reached
    db.execute("CREATE TABLE answers (id INTEGER PRIMARY KEY, body TEXT)")
    with db:
        db.executemany("INSERT INTO answers (body) VALUES (?)", [("x" * 500,)] * 200)
    return db


def test_a_checkpoint_copies_the_whole_log_back(tmp_path: Path) -> None:
    db = _wal_database(tmp_path / "class.sqlite3")
    busy, log, copied = checkpoint(db.cursor())
    assert busy == 0 and log > 0 and copied == log
    assert checkpoint(db.cursor())[2] == log  # nothing new: the same frames, all copied
    db.close()


@pytest.mark.django_db
def test_the_checkpointer_runs_only_on_sqlite_and_stops_when_told() -> None:
    stop = threading.Event()
    thread = start_checkpointer(interval=0.01, stop=stop)
    if connection.vendor != "sqlite":
        assert thread is None
        return
    assert thread is not None and thread.daemon and thread.is_alive()
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_server_connections_leave_checkpoints_to_the_thread() -> None:
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        assert "wal_autocheckpoint=10000" in options.get("init_command", "")
