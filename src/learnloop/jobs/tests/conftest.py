import pytest


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker closes stale connections between jobs, as a long-lived process must;
    inside a test's transaction Django would take the open transaction for one and close
    it (PostgreSQL), so here it keeps the connection."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    monkeypatch.setattr("learnloop.jobs.worker.close_old_connections", lambda: None)
