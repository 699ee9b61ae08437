"""The statements of a synced batch of answers, each run once per batch whatever its size.

The single answer's statements (`queries`) take one item; these take the batch's items,
activities and answers at once (an IN list, a multi-row INSERT), so a batch of 200 runs
as many statements as a batch of 5. As in `queries`, nothing here decides anything.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import connection

from learnloop.content.grading import ChoiceSpec
from learnloop.content.models import CHOICE_KINDS, ActivityItem, Choice, Item
from learnloop.core.sql import (
    column,
    fetch,
    prepared,
    quoted,
    select,
    table,
    value_preparers,
)
from learnloop.learning.answering.queries import (
    ITEM_COLUMNS,
    ITEM_FIELDS,
    ItemRow,
    ItemStandard,
    PublishedItem,
)
from learnloop.learning.models import Response
from learnloop.standards.models import Standard


def _marks(count: int) -> str:
    return ", ".join(["%s"] * count)


def published_items(item_ids: Sequence[int], status: str) -> dict[int, PublishedItem]:
    """The items of these ids with this status (`queries.ItemRow`, the single answer's
    row), each with its standards and (a choice item) its choices as values; three
    statements for any number of items."""
    if not item_ids:
        return {}
    sql = (
        f"SELECT {quoted(Item, ITEM_FIELDS)} FROM {table(Item)} "
        f"WHERE {column(Item, 'id')} IN ({_marks(len(item_ids))}) AND {column(Item, 'status')} = %s"
    )
    items = [ItemRow(*row) for row in select(sql, ITEM_COLUMNS, [*item_ids, status])]
    standards = _item_standards([item.pk for item in items])
    choices = _item_choices([item.pk for item in items if item.kind in CHOICE_KINDS])
    return {
        item.pk: PublishedItem(item, tuple(standards.get(item.pk, ())), choices.get(item.pk, ()))
        for item in items
    }


def _item_choices(item_ids: list[int]) -> dict[int, tuple[ChoiceSpec, ...]]:
    """The items' choices in the order the page shows them (position, then id)."""
    if not item_ids:
        return {}
    sql = (
        f"SELECT {column(Choice, 'item')}, {quoted(Choice, ('identifier', 'is_correct', 'text'))} "
        f"FROM {table(Choice)} WHERE {column(Choice, 'item')} IN ({_marks(len(item_ids))}) "
        f"ORDER BY {column(Choice, 'position')} ASC, {column(Choice, 'id')} ASC"
    )
    columns = [(Choice, name) for name in ("item", "identifier", "is_correct", "text")]
    found: dict[int, list[ChoiceSpec]] = {}
    for item_id, key, is_correct, text in select(sql, columns, item_ids):
        found.setdefault(item_id, []).append(ChoiceSpec(key=key, is_correct=is_correct, text=text))
    return {item_id: tuple(specs) for item_id, specs in found.items()}


def _item_standards(item_ids: list[int]) -> dict[int, list[ItemStandard]]:
    if not item_ids:
        return {}
    through = Item.standards.through
    named = ("id", "framework", "code", "abbreviated_statement")
    sql = (
        f"SELECT {column(through, 'item')}, {quoted(Standard, named)} "
        f"FROM {table(through)} INNER JOIN {table(Standard)} "
        f"ON {column(Standard, 'id')} = {column(through, 'standard')} "
        f"WHERE {column(through, 'item')} IN ({_marks(len(item_ids))})"
    )
    found: dict[int, list[ItemStandard]] = {}
    for item_id, standard_id, framework_id, code, abbreviated in fetch(sql, item_ids):
        found.setdefault(item_id, []).append(
            ItemStandard(standard_id, framework_id, code, abbreviated or "")
        )
    return found


def items_in_activities(pairs: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """Which of these (item, activity) pairs are an activity's item; one statement."""
    if not pairs:
        return set()
    items = sorted({item_id for item_id, _ in pairs})
    activities = sorted({activity_id for _, activity_id in pairs})
    sql = (
        f"SELECT {column(ActivityItem, 'item')}, {column(ActivityItem, 'activity')} "
        f"FROM {table(ActivityItem)} "
        f"WHERE {column(ActivityItem, 'item')} IN ({_marks(len(items))}) "
        f"AND {column(ActivityItem, 'activity')} IN ({_marks(len(activities))})"
    )
    linked = {(item_id, activity_id) for item_id, activity_id in fetch(sql, items + activities)}
    return linked.intersection(pairs)


# --- the responses -------------------------------------------------------------------

RESPONSE_FIELDS = (
    "student", "client_id", "item", "activity", "answer", "correct", "score",
    "hints_used", "seconds", "standard_ids", "created_at", "received_at", "client_correct",
)  # fmt: skip


# The columns converted as the ORM's fields would (`core.sql.value_preparers`), the others
# taken by the driver as they are: through the fields, converting a batch's values cost a
# fifth of its CPU.
_JSON = {"answer", "standard_ids"}  # JSON fields without an encoder
_WHEN = {"created_at", "received_at"}


# Columns whose values repeat across a batch's rows (one receipt time; the few standard
# lists of its items): each distinct value is converted once per batch.
_REPEATED = {"standard_ids", "received_at"}


def _preparers() -> list[Callable[[Any], Any] | None]:
    converters = value_preparers(RESPONSE_FIELDS, json=_JSON, when=_WHEN, uuids={"client_id"})
    return [
        _once_per_value(convert) if convert is not None and name in _REPEATED else convert
        for name, convert in zip(RESPONSE_FIELDS, converters, strict=True)
    ]


def _once_per_value(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert`, remembering its result per value (a list by its items)."""
    seen: dict[Any, Any] = {}

    def converted(value: Any) -> Any:
        key = (list, *value) if isinstance(value, list) else value
        if key not in seen:
            seen[key] = convert(value)
        return seen[key]

    return converted


def insert_responses_once(rows: Sequence[Mapping[str, Any]]) -> dict[uuid.UUID, int]:
    """Store the rows in one statement, each unless its (student, client id) is stored
    already (`INSERT ... ON CONFLICT DO NOTHING`, as the single answer); the ids of the
    rows stored, by client id (the others were repeats: nothing written for them)."""
    if not rows:
        return {}
    quote = connection.ops.quote_name
    names = ", ".join(quote(Response._meta.get_field(name).column) for name in RESPONSE_FIELDS)
    one = f"({_marks(len(RESPONSE_FIELDS))})"
    sql = (
        f"INSERT INTO {table(Response)} ({names}) VALUES {', '.join([one] * len(rows))} "
        f"ON CONFLICT ({quote('student_id')}, {quote('client_id')}) DO NOTHING "
        f"RETURNING {quote('id')}, {quote('client_id')}"
    )
    prepare = _preparers()
    params = [
        value if convert is None else convert(value)
        for row in rows
        for convert, value in zip(prepare, (row[name] for name in RESPONSE_FIELDS), strict=True)
    ]
    # The client ids come back as the database holds them (a UUID on PostgreSQL, its hex
    # on SQLite): matched against the values sent rather than converted back one by one.
    position = RESPONSE_FIELDS.index("client_id")
    width = len(RESPONSE_FIELDS)
    sent = {params[i * width + position]: row["client_id"] for i, row in enumerate(rows)}
    return {_sent(sent, client_id): pk for pk, client_id in fetch(sql, params)}


def _sent(sent: dict[Any, uuid.UUID], raw: Any) -> uuid.UUID:
    """A returned client id as the UUID sent (psycopg returns a UUID, SQLite the hex
    text sent); any other form read as a UUID."""
    found = sent.get(raw)
    return found if found is not None else uuid.UUID(str(raw))


def stored_client_ids(student_id: int, client_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these client ids the student has stored (off the happy path: asked only
    for answers that would be refused, which may be repeats of ones stored before)."""
    if not client_ids:
        return set()
    sql = (
        f"SELECT {column(Response, 'client_id')} FROM {table(Response)} "
        f"WHERE {column(Response, 'student')} = %s "
        f"AND {column(Response, 'client_id')} IN ({_marks(len(client_ids))})"
    )
    params = [student_id, *(prepared(Response, "client_id", key) for key in client_ids)]
    return {key for (key,) in select(sql, [(Response, "client_id")], params)}


def sync_status(student_id: int) -> tuple[datetime | None, int]:
    """The newest answer time the server holds for the student, and how many answers;
    one statement on the (student, created_at) index."""
    sql = (
        f"SELECT MAX({column(Response, 'created_at')}), COUNT(*) FROM {table(Response)} "
        f"WHERE {column(Response, 'student')} = %s"
    )
    newest, count = select(sql, [(Response, "created_at"), (Response, "id")], [student_id])[0]
    return newest, int(count)
