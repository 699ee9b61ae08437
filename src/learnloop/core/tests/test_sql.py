"""core.sql's names: the backend's quoting, worked out once per vendor and name.

On a model of Django's own (core imports no app, its tests neither)."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db import connection

from learnloop.core.sql import column, quoted, table


def test_names_are_the_backends_quoting_and_stay_so_when_asked_again() -> None:
    quote = connection.ops.quote_name
    expected_table = quote(Permission._meta.db_table)
    expected = f"{expected_table}.{quote('content_type_id')}"
    for _ in range(2):  # worked out, then remembered
        assert table(Permission) == expected_table
        assert column(Permission, "content_type") == expected
        assert column(Permission, "content_type_id") == expected  # a foreign key by its _id
        assert quoted(Permission, ["content_type", "codename"]) == (
            f"{expected}, {expected_table}.{quote('codename')}"
        )
        assert quoted(Permission, ("name",)) == f"{expected_table}.{quote('name')}"
