"""Django's database sessions, read with one plain-SQL statement.

Every signed-in request reads its session first. Through the ORM that read cost about
0.3 ms of CPU of an answer's 4 (most of it building the query; the ingest profile in
docs/benchmarks/system.md); written once from the model's metadata it costs a tenth of
that. The table, the stored format, expiry, saving and deleting are Django's own
(`django.contrib.sessions.backends.db`), so sessions made by either store work in both.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from learnloop.learning.plain_sql import Select

UNEXPIRED = Select(
    Session,
    ("session_key", "session_data", "expire_date"),
    ("session_key", "expire_date > %s"),
    limit=1,
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        now = Session._meta.get_field("expire_date").get_db_prep_value(timezone.now(), connection)
        found = UNEXPIRED.instances(self.session_key, now)
        if not found:  # unknown or expired: as Django's store, start a new session
            self._session_key = None
            return None
        session = found[0]
        assert isinstance(session, Session)
        return session
