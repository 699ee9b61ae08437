"""The outbox's one statement on the answer path: every row of a call in one INSERT.

Django's `bulk_create` splits rows into batches by SQLite's old 999-parameter limit, so a
synced batch of 200 answers would cost several statements; this writes them in one,
values converted by the model's own fields (`core.sql.prepared`).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection

from learnloop.core.sql import fetch, prepared, table
from learnloop.xapi.models import OutboxStatement

FIELDS = (
    "id", "school", "student", "verb", "object_type", "object_id", "activity_id", "result",
    "standard_ids", "timestamp", "status", "attempts", "next_attempt_at", "last_error",
)  # fmt: skip


def insert_outbox_rows(rows: Sequence[OutboxStatement]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    meta = OutboxStatement._meta
    names = ", ".join(quote(meta.get_field(name).column) for name in FIELDS)
    one = "(" + ", ".join(["%s"] * len(FIELDS)) + ")"
    sql = (
        f"INSERT INTO {table(OutboxStatement)} ({names}) VALUES {', '.join([one] * len(rows))} "
        f"RETURNING {quote('id')}"
    )
    attributes = [meta.get_field(name).attname for name in FIELDS]
    params = [
        prepared(OutboxStatement, name, getattr(row, attribute))
        for row in rows
        for name, attribute in zip(FIELDS, attributes, strict=True)
    ]
    fetch(sql, params)
