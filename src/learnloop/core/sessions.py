"""Django's database sessions, read with one literal SQL statement.

Every signed-in request reads its session first. Through the ORM that read cost about
0.3 ms of CPU of an answer's 4 (most of it building the query; the ingest profile in
docs/benchmarks/system.md); as one literal statement it costs a tenth of that. The
table, the stored format, expiry, saving and deleting are Django's own
(`django.contrib.sessions.backends.db`), so sessions made by either store work in both.
Only `load`, the method a session backend implements, is replaced; the row is decoded
with the store's public `decode`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from learnloop.core.sql import Statement, column, prepared, table

UNEXPIRED = Statement(
    lambda: (
        f"SELECT {column(Session, 'session_data')} FROM {table(Session)} "
        f"WHERE {column(Session, 'session_key')} = %s "
        f"AND {column(Session, 'expire_date')} > %s LIMIT 1"
    ),
    [(Session, "session_data")],
)


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        found = None
        if self.session_key is not None:
            now = prepared(Session, "expire_date", timezone.now())
            found = UNEXPIRED.first(self.session_key, now)
        if found is None:  # unknown or expired: as Django's store, start a new session
            self._session_key = None
            return {}
        return self.decode(found[0])
