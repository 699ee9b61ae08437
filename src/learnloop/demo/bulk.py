"""The fastest honest way to load many rows, per database, for synthetic districts.

PostgreSQL gets COPY (psycopg's `cursor.copy`); SQLite gets `executemany` in one big
transaction with the pragmas the app itself uses (WAL, synchronous=NORMAL). For loads
big enough to matter, a table's secondary indexes are dropped first and rebuilt once
after (one sort instead of millions of B-tree inserts); the schema ends up exactly as
the migrations made it. Values arrive as Python objects and are adapted here.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from django.db import connection

Row = Sequence[Any]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Insert `rows` into `table` (columns in order); returns how many were written."""
    if is_postgres():
        return _copy_rows(table, columns, rows)
    return _executemany_rows(table, columns, rows)


def _copy_rows(table: str, columns: Sequence[str], rows: Iterable[Row]) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    count = 0
    with connection.cursor() as cursor, cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for row in _adapted(rows, _pg_value):
            copy.write_row(row)
            count += 1
    return count


def _pg_value(value: Any) -> Any:
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def _executemany_rows(table: str, columns: Sequence[str], rows: Iterable[Row]) -> int:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    raw = connection.connection
    count = 0
    batch: list[Row] = []
    for row in _adapted(rows, _sqlite_value):
        batch.append(row)
        if len(batch) >= 50_000:
            raw.executemany(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        raw.executemany(sql, batch)
        count += len(batch)
    return count


NEEDS_ADAPTING = (bool, uuid.UUID, datetime, dict, list)


def _adapted(rows: Iterable[Row], adapt: Callable[[Any], Any]) -> Iterator[Row]:
    """Rows with `adapt` applied to the columns that need it, judged by the first row.

    Loads are millions of rows of plain ints, floats and strings; checking every value's
    type would cost more than the insert itself.
    """
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        return
    columns = [k for k, v in enumerate(first) if isinstance(v, NEEDS_ADAPTING)]
    if not columns:
        yield first
        yield from iterator
        return
    for row in itertools.chain([first], iterator):
        values = list(row)
        for k in columns:
            values[k] = adapt(values[k])
        yield values


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return sqlite_datetime(value)
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def db_datetime(value: datetime) -> str:
    """An aware datetime as text the database stores as is (SQLite) or parses (COPY)."""
    return value.isoformat(" ") if is_postgres() else sqlite_datetime(value)


def sqlite_datetime(value: datetime) -> str:
    """How Django stores an aware datetime in SQLite with USE_TZ: naive UTC text."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


@contextmanager
def indexes_rebuilt_after(table: str, enabled: bool = True) -> Iterator[None]:
    """Drop `table`'s secondary indexes and unique constraints, and recreate them after."""
    if not enabled:
        yield
        return
    connection.ensure_connection()
    saved = _drop_indexes(table)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in saved:
                cursor.execute(statement)
        if not is_postgres():
            with connection.cursor() as cursor:
                cursor.execute(f'ANALYZE "{table}"')


def _drop_indexes(table: str) -> list[str]:
    with connection.cursor() as cursor:
        if is_postgres():
            return _drop_postgres_indexes(cursor, table)
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [table],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f'DROP INDEX "{name}"')
        return [sql for _, sql in found]


def _drop_postgres_indexes(cursor: Any, table: str) -> list[str]:
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'u'",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _ in constraints:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _ in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    restore = [f'ALTER TABLE "{table}" ADD CONSTRAINT "{n}" {d}' for n, d in constraints]
    return [*restore, *(definition for _, definition in indexes)]


@contextmanager
def bulk_load_settings() -> Iterator[None]:
    """Connection settings for a big load, restored after.

    SQLite: foreign-key checks off (the rows are generated from keys just inserted, and
    each check is an index probe per row) and a 256 MiB page cache; PostgreSQL: memory
    for rebuilding indexes. Only outside a transaction does SQLite change foreign_keys.
    """
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if is_postgres():
            cursor.execute("SET maintenance_work_mem = '512MB'")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if is_postgres():
                cursor.execute("RESET maintenance_work_mem")
            else:
                cursor.execute("PRAGMA foreign_keys = ON")
                cursor.execute("PRAGMA cache_size = -2000")


def analyze(tables: Sequence[str]) -> None:
    """Fresh planner statistics after a big load (PostgreSQL autovacuum would lag)."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')
