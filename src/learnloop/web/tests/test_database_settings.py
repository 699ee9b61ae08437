"""The database settings: SQLite by default, PostgreSQL with prepared statements."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from learnloop.config.settings.base import database_from_env
from learnloop.core.sql import Statement
from learnloop.learning.answering.queries import PUBLISHED_ITEM

PG_URL = "postgres://postgres@127.0.0.1:5432/district"


def test_without_a_url_the_database_is_an_embedded_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = database_from_env(tmp_path / "class.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "class.sqlite3")
    assert "PRAGMA journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgresql_binds_on_the_server_and_prepares_repeated_statements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", PG_URL)
    monkeypatch.delenv("LEARNLOOP_PG_PREPARE", raising=False)
    config = database_from_env(tmp_path / "unused.sqlite3")
    assert (config["ENGINE"], config["NAME"]) == ("django.db.backends.postgresql", "district")
    assert config["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}
    assert config["CONN_MAX_AGE"] == 600 and config["CONN_HEALTH_CHECKS"] is True


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", PG_URL)
    monkeypatch.setenv("LEARNLOOP_PG_PREPARE", "0")
    assert database_from_env(tmp_path / "unused.sqlite3").get("OPTIONS", {}) == {}


@pytest.mark.django_db
def test_on_postgresql_an_answer_statement_is_prepared_after_a_few_runs() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    check: Statement = PUBLISHED_ITEM
    for _ in range(6):
        assert check.rows(-1, "published") == []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "content_item" WHERE%'],
        )
        (prepared,) = cursor.fetchone()
    assert prepared == 1
