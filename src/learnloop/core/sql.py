"""The SQL statement runner: literal statements, values converted by the model fields.

Only `queries` modules (and `core` itself) import this (an import-linter contract).

Measured on the answer path (docs/benchmarks/system.md, "What was fixed"; ADR 0004):
building a query with the ORM costs 0.3 to 0.5 ms of CPU (a 100-id `__in` list 0.6 ms
more), while SQLite answers the same indexed lookup in about 0.03 ms, and an answer ran
thirty-one of them. Statements name tables and columns from the models' metadata (table
and column names, quoted by the backend) and convert values with the converters the ORM
itself uses (`get_db_converters`, `get_db_prep_save`), so JSON, datetimes and time zones
come and go exactly as through a QuerySet, on SQLite and on PostgreSQL.

Use it only where a profile shows the ORM's query building on the hot path; everything
else stays a QuerySet. There is no where-clause language here: each statement is written
out where it is used.
"""

from __future__ import annotations

import functools
import uuid
import weakref
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, connections
from django.db.models import DEFERRED, Field, Model

# Quoted names per database vendor (the quoting is the backend's): statements written
# per request name their tables and columns through these (44 names for a synced
# batch), and looking each field up and quoting it every time was a measurable share
# of a batch's CPU (benchmarks/sync_cpu.py).
_quoted_names: dict[tuple[str, type[Model], str | None], str] = {}


def table(model: type[Model]) -> str:
    key = (connection.vendor, model, None)
    if key not in _quoted_names:
        _quoted_names[key] = connection.ops.quote_name(model._meta.db_table)
    return _quoted_names[key]


def column(model: type[Model], name: str) -> str:
    """`"table"."column"` for a field name (a foreign key by its name or its `_id`)."""
    key = (connection.vendor, model, name)
    if key not in _quoted_names:
        quoted_column = connection.ops.quote_name(_field(model, name).column)
        _quoted_names[key] = f"{table(model)}.{quoted_column}"
    return _quoted_names[key]


def _field(model: type[Model], name: str) -> Field:
    """The field of a name, or of a foreign key's `_id` attribute."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = model._meta.get_field(name.removesuffix("_id"))
    assert isinstance(field, Field), name
    return field


Column = tuple[type[Model], str]  # a model and one of its field names
_converters: weakref.WeakKeyDictionary[Any, dict[tuple[Column, ...], list[Any]]] = (
    weakref.WeakKeyDictionary()
)


def _converters_for(columns: Sequence[Column]) -> list[tuple[Any, list[Any]]]:
    """Per column, what the ORM runs on a value read from this connection's database;
    worked out once per connection (each thread has its own) and set of columns."""
    wrapper = connections[connection.alias]
    known = _converters.setdefault(wrapper, {})
    key = tuple(columns)
    if key not in known:
        found = []
        for model, name in columns:
            field = _field(model, name)
            col = field.get_col(model._meta.db_table)
            functions = [*wrapper.ops.get_db_converters(col), *field.get_db_converters(wrapper)]
            found.append((col, functions))
        known[key] = found
    return known[key]


def convert_rows(columns: Sequence[Column], rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Rows of raw column values turned into Python values as a QuerySet would."""
    converters = _converters_for(columns)
    if not any(functions for _, functions in converters):
        return [tuple(row) for row in rows]
    result = []
    for row in rows:
        values = []
        for value, (col, functions) in zip(row, converters, strict=True):
            for function in functions:
                value = function(value, col, connection)
            values.append(value)
        result.append(tuple(values))
    return result


def per_vendor(build: Callable[[], str]) -> Callable[[], str]:
    """A statement built once per database vendor (quoting differs by backend)."""
    built: dict[str, str] = {}

    def sql() -> str:
        vendor = connection.vendor
        if vendor not in built:
            built[vendor] = build()
        return built[vendor]

    return sql


def select(sql: str, columns: Sequence[Column], params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run hand-written SQL (names from `table` and `column`) and convert its columns."""
    return convert_rows(columns, fetch(sql, params))


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_column_lists: dict[tuple[str, type[Model], tuple[str, ...]], str] = {}


def quoted(model: type[Model], names: Sequence[str]) -> str:
    """`"table"."column", ...` of some fields, for a literal statement's column list."""
    key = (connection.vendor, model, tuple(names))
    if key not in _column_lists:
        _column_lists[key] = ", ".join(column(model, name) for name in names)
    return _column_lists[key]


class Statement:
    """One literal SQL statement and the model fields its result columns hold.

    The SQL is written out by the caller (a `queries` module), with `%s` parameters;
    nothing is parsed or assembled here. `columns` say which field converts each result
    column, so values come back exactly as through a QuerySet. `lock` appends FOR UPDATE
    where the database has row locks (SQLite locks the whole database for the
    transaction instead). `sql` may be a function, called once per database vendor,
    when it names tables and columns through `table` and `column`.
    """

    def __init__(
        self,
        sql: str | Callable[[], str],
        columns: Sequence[Column] = (),
        *,
        lock: bool = False,
    ) -> None:
        self.columns, self.lock = tuple(columns), lock
        self._text = per_vendor(sql if callable(sql) else (lambda: sql))

    def sql(self) -> str:
        text = self._text()
        if self.lock and connection.features.has_select_for_update:
            return f"{text} FOR UPDATE"
        return text

    def rows(self, *params: Any) -> list[tuple[Any, ...]]:
        return select(self.sql(), self.columns, params)

    def first(self, *params: Any) -> tuple[Any, ...] | None:
        found = self.rows(*params)
        return found[0] if found else None


def prepared(model: type[Model], name: str, value: Any) -> Any:
    """A parameter as the ORM would send it for this field (datetimes, JSON, UUIDs)."""
    return _field(model, name).get_db_prep_save(value, connection)


def instance(model: type[Model], values: Mapping[str, Any]) -> Model:
    """A model instance as the ORM builds one from a row (`Model.from_db`); fields not
    given are deferred, so reading one would cost a query: select what you will read."""
    by_attname = {_field(model, name).attname: value for name, value in values.items()}
    concrete = [field.attname for field in model._meta.concrete_fields]
    row = [by_attname.get(name, DEFERRED) for name in concrete]
    return model.from_db(connection.alias, concrete, row)


def linked(
    through: type[Model], owner: str, target: str, fields: Sequence[str], owner_id: int
) -> list[tuple[Any, ...]]:
    """Fields of the rows a many-to-many table links to one owner, e.g. an item's
    standards: `linked(Item.standards.through, "item", "standard", ("id", "code"), pk)`."""
    model = _field(through, target).related_model
    assert isinstance(model, type)
    sql = _linked_sql(connection.vendor, through, owner, target, tuple(fields))
    return select(sql, [(model, name) for name in fields], [owner_id])


@functools.cache
def _linked_sql(
    vendor: str, through: type[Model], owner: str, target: str, fields: tuple[str, ...]
) -> str:
    model = _field(through, target).related_model
    assert isinstance(model, type)
    return (
        f"SELECT {', '.join(column(model, name) for name in fields)} "
        f"FROM {table(through)} INNER JOIN {table(model)} "
        f"ON {column(model, 'id')} = {column(through, target)} "
        f"WHERE {column(through, owner)} = %s"
    )


class Update:
    """`UPDATE model SET fields WHERE id = %s`, values prepared as the ORM prepares them."""

    def __init__(self, model: type[Model], fields: Sequence[str]) -> None:
        self.model, self.fields = model, tuple(fields)
        self.sql = per_vendor(self._build)

    def _build(self) -> str:
        quote = connection.ops.quote_name
        assignments = ", ".join(
            f"{quote(_field(self.model, name).column)} = %s" for name in self.fields
        )
        return f"UPDATE {table(self.model)} SET {assignments} WHERE {quote('id')} = %s"

    def run(self, pk: int, values: Mapping[str, Any]) -> int:
        params = [
            _field(self.model, name).get_db_prep_save(values[name], connection)
            for name in self.fields
        ]
        with connection.cursor() as cursor:
            cursor.execute(self.sql(), [*params, pk])
            return cursor.rowcount

    def run_from(self, obj: Model) -> int:
        """Write these fields of `obj` (foreign keys by their `_id`, never fetched)."""
        values = {name: getattr(obj, _field(self.model, name).attname) for name in self.fields}
        return self.run(obj.pk, values)


class Insert:
    """`INSERT ... ON CONFLICT (unique) DO NOTHING RETURNING id`: one statement that stores
    a row unless one with the same unique key exists (SQLite 3.35+, PostgreSQL).

    Instead of a savepoint around an INSERT that may violate the key (three statements,
    and the ORM's query building), for a write that must happen at most once.
    """

    def __init__(self, model: type[Model], fields: Sequence[str], unique: Sequence[str]) -> None:
        self.model, self.fields, self.unique = model, tuple(fields), tuple(unique)
        self.sql = per_vendor(self._build)

    def _build(self) -> str:
        quote = connection.ops.quote_name
        names = ", ".join(quote(_field(self.model, name).column) for name in self.fields)
        key = ", ".join(quote(_field(self.model, name).column) for name in self.unique)
        return (
            f"INSERT INTO {table(self.model)} ({names}) "
            f"VALUES ({', '.join(['%s'] * len(self.fields))}) "
            f"ON CONFLICT ({key}) DO NOTHING RETURNING {quote('id')}"
        )

    def run(self, values: Mapping[str, Any]) -> int | None:
        """The stored row's id, or None when a row with the same unique key was there
        already (nothing written). The caller builds what it returns of the row from
        the values it gave and this id: no model instance is made here."""
        params = [
            _field(self.model, name).get_db_prep_save(values[name], connection)
            for name in self.fields
        ]
        with connection.cursor() as cursor:
            cursor.execute(self.sql(), params)
            row = cursor.fetchone()
        if row is None:
            return None
        pk: int = row[0]
        return pk


def value_preparers(
    names: Sequence[str], *, json: set[str], when: set[str], uuids: set[str]
) -> list[Callable[[Any], Any] | None]:
    """Per column of a multi-row INSERT, how this connection wants its value, as the ORM's
    fields convert it (`get_db_prep_save`) but called directly: JSON, datetimes, UUIDs;
    None for a column the driver takes as it is (ids, booleans, numbers, text)."""
    wrapper = connections[connection.alias]
    ops = wrapper.ops

    def json_value(value: Any) -> Any:
        return None if value is None else ops.adapt_json_value(value, None)

    def uuid_value(value: uuid.UUID) -> Any:
        return value if wrapper.features.has_native_uuid_field else value.hex

    converters: dict[str, Callable[[Any], Any]] = {
        **dict.fromkeys(json, json_value),
        **dict.fromkeys(when, ops.adapt_datetimefield_value),
        **dict.fromkeys(uuids, uuid_value),
    }
    return [converters.get(name) for name in names]
