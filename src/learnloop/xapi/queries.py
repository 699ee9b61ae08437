"""The outbox's one statement on the answer path: every row of a call in one INSERT.

Django's `bulk_create` splits rows into batches by SQLite's old 999-parameter limit, so a
synced batch of 200 answers would cost several statements; this writes them in one.
Values the driver takes as they are (ids, text, numbers) are sent as they are; the others
are converted as the model's fields convert them for this connection (UUIDs, JSON,
datetimes), by the backend's own converters called directly: through each field's
`get_db_prep_save` (and a model instance per row), storing a synced batch's statements
cost about a quarter of the batch's CPU.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import connection

from learnloop.core.sql import fetch, table, value_preparers
from learnloop.xapi.models import OutboxStatement, OutboxStatus

FIELDS = (
    "id", "school", "student", "verb", "object_type", "object_id", "activity_id", "result",
    "standard_ids", "timestamp", "status", "attempts", "next_attempt_at", "last_error",
)  # fmt: skip

# What a new row holds where the caller says nothing (the model's defaults).
DEFAULTS: dict[str, Any] = {
    "status": OutboxStatus.PENDING.value,
    "attempts": 0,
    "last_error": "",
    "activity_id": None,
    "school": None,
    "next_attempt_at": None,
    "result": {},
    "standard_ids": [],
}
_JSON = {"result", "standard_ids"}  # JSON fields without an encoder
_WHEN = {"timestamp", "next_attempt_at"}


def _preparers() -> list[Callable[[Any], Any] | None]:
    return value_preparers(FIELDS, json=_JSON, when=_WHEN, uuids={"id"})


def insert_outbox_rows(rows: Sequence[Mapping[str, Any]]) -> None:
    """New outbox rows, each given by field name (`school`, `student` as ids); a fresh
    id and the model's defaults where a row says nothing."""
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
    prepare = list(zip(FIELDS, _preparers(), strict=True))
    params = []
    for row in rows:
        values = {**DEFAULTS, "id": uuid.uuid4(), **row}
        for name, convert in prepare:
            value = values[name]
            params.append(value if convert is None or value is None else convert(value))
    fetch(sql, params)
