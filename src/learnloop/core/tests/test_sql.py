"""core.sql's names: the backend's quoting, worked out once per vendor and name."""

from __future__ import annotations

from django.db import connection

from learnloop.core.sql import column, quoted, table
from learnloop.learning.models import Response


def test_names_are_the_backends_quoting_and_stay_so_when_asked_again() -> None:
    quote = connection.ops.quote_name
    expected_table = quote(Response._meta.db_table)
    expected = f"{expected_table}.{quote('student_id')}"
    for _ in range(2):  # worked out, then remembered
        assert table(Response) == expected_table
        assert column(Response, "student") == expected
        assert column(Response, "student_id") == expected  # a foreign key by its _id
        assert quoted(Response, ["student", "item"]) == (
            f"{expected}, {expected_table}.{quote('item_id')}"
        )
        assert quoted(Response, ("client_id",)) == f"{expected_table}.{quote('client_id')}"
