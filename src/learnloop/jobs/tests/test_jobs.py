"""The queue: jobs defined with @job run on the database backend, retry with backoff,
show on the admin's page, and are pruned; the worker and its in-process thread."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from learnloop.jobs.inprocess import start_in_process_worker, stop_in_process_worker
from learnloop.jobs.registry import ATTEMPT, PERIODIC_JOBS, RetryPolicy, enqueue_once
from learnloop.jobs.selectors import jobs_for_school
from learnloop.jobs.services import prune_finished_jobs
from learnloop.jobs.tests import sample_jobs
from learnloop.jobs.worker import run_ready_jobs
from learnloop.learning.jobs import nightly_jobs, refit_engine
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def rows(path_end: str) -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__endswith=path_end).order_by("enqueued_at"))


def test_a_job_runs_once_on_the_worker() -> None:
    sample_jobs.CALLS.clear()
    sample_jobs.add_up.enqueue(school_id=1, numbers=[1, 2, 3])
    assert run_ready_jobs(schedule=False) == 1
    (row,) = rows("add_up")
    assert row.status == TaskResultStatus.SUCCESSFUL and row.return_value == 6
    assert run_ready_jobs(schedule=False) == 0


def test_a_failing_job_is_retried_with_backoff_then_fails_for_good() -> None:
    sample_jobs.CALLS.clear()
    before = timezone.now()
    sample_jobs.always_fails.enqueue(reason="LRS unreachable")
    run_ready_jobs(schedule=False)
    first, second = rows("always_fails")
    assert first.status == TaskResultStatus.FAILED and "LRS unreachable" in first.traceback
    assert second.status == TaskResultStatus.READY and second.args_kwargs["kwargs"][ATTEMPT] == 2
    assert second.run_after >= before + timedelta(seconds=10)  # not before its backoff
    assert run_ready_jobs(schedule=False) == 0  # not due yet
    for _ in range(5):
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        run_ready_jobs(schedule=False)
    attempts = rows("always_fails")
    assert len(attempts) == 3 and all(r.status == TaskResultStatus.FAILED for r in attempts)
    assert sample_jobs.CALLS == ["fail"] * 3
    assert RetryPolicy(3, 10).delay(2) == timedelta(seconds=20)


def test_a_job_enqueued_in_a_rolled_back_transaction_never_runs() -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        sample_jobs.add_up.enqueue(numbers=[1])
        raise RuntimeError
    assert not rows("add_up")


def test_enqueue_once_adds_nothing_while_the_same_job_waits() -> None:
    assert enqueue_once(sample_jobs.add_up, numbers=[1]) is not None
    assert enqueue_once(sample_jobs.add_up, numbers=[1]) is None
    assert enqueue_once(sample_jobs.add_up, numbers=[2]) is not None
    assert len(rows("add_up")) == 2
    # a worker killed mid-job leaves it "running": after six hours it no longer blocks
    DBTaskResult.objects.filter(task_path__endswith="add_up").update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(hours=7)
    )
    assert enqueue_once(sample_jobs.add_up, numbers=[1]) is not None


def test_the_nightly_refit_is_kept_enqueued_and_runs(world: World) -> None:
    assert nightly_jobs in PERIODIC_JOBS
    run_ready_jobs()  # schedules the refit for tonight and the daily pruning
    (waiting,) = rows("refit_engine")
    assert waiting.status == TaskResultStatus.READY and waiting.run_after > timezone.now()
    run_ready_jobs()
    assert len(rows("refit_engine")) == 1  # scheduled once, however often the worker passes
    result = refit_engine.call()  # no responses yet: nothing to fit, not a failure
    assert "skipped" in result


def test_the_admin_sees_queued_running_failed_and_finished(world: World) -> None:
    sample_jobs.add_up.enqueue(school_id=world.school.pk, numbers=[1])
    sample_jobs.always_fails.enqueue(school_id=world.school.pk, reason="boom")
    sample_jobs.add_up.enqueue(school_id=world.other_school.pk, numbers=[2])
    run_ready_jobs(schedule=False)
    sample_jobs.add_up.enqueue(school_id=world.school.pk, numbers=[3])
    seen = jobs_for_school(world.school.pk)
    states = sorted(row.state for row in seen)
    assert states == ["failed", "finished", "queued", "queued"] or states == [
        "finished", "queued", "queued", "retrying"
    ]  # fmt: skip
    failed = next(row for row in seen if row.state in ("failed", "retrying"))
    assert "boom" in failed.why
    client = _client(world.admin)
    page = client.get("/jobs/").content.decode()
    assert "boom" in page and "Failed, will retry" in page and page.count("add up") == 2
    assert _client(world.teacher).get("/jobs/").status_code == 403


def _client(user):  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_finished_jobs_are_pruned_after_n_days() -> None:
    sample_jobs.add_up.enqueue(numbers=[1])
    run_ready_jobs(schedule=False)
    sample_jobs.add_up.enqueue(numbers=[2])  # still queued: never pruned
    assert prune_finished_jobs(days=14) == 0
    assert prune_finished_jobs(days=14, now=timezone.now() + timedelta(days=15)) == 1
    assert [r.status for r in rows("add_up")] == [TaskResultStatus.READY]


def test_only_one_in_process_worker_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    passes: list[float] = []

    def quiet_worker(*, interval: float, stop: threading.Event) -> None:
        passes.append(interval)  # the real loop is run_forever; here no database is touched
        stop.wait()

    monkeypatch.setattr("learnloop.jobs.inprocess.run_forever", quiet_worker)
    lock = tmp_path / "worker.lock"
    try:
        assert start_in_process_worker(lock, interval=60)
        assert not start_in_process_worker(lock, interval=60)  # this process: already running
        names = [thread.name for thread in threading.enumerate()]
        assert names.count("learnloop-jobs") == 1 and passes == [60]
    finally:
        stop_in_process_worker()
    time.sleep(0.1)
    assert "learnloop-jobs" not in [thread.name for thread in threading.enumerate()]


def test_the_demo_server_starts_one_worker_after_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """`learnloop demo` sets LEARNLOOP_INPROCESS_WORKER; each gunicorn worker asks after
    its fork, and the file lock lets one of them run the thread."""
    from learnloop.config import gunicorn
    from learnloop.core import wal
    from learnloop.jobs import inprocess

    asked: list[Path] = []
    monkeypatch.setattr(wal, "start_checkpointer", lambda: None)
    monkeypatch.setattr(inprocess, "start_in_process_worker", lambda path: asked.append(path))
    monkeypatch.delenv("LEARNLOOP_INPROCESS_WORKER", raising=False)
    gunicorn.post_fork(server=None, worker=None)
    assert asked == []
    monkeypatch.setenv("LEARNLOOP_INPROCESS_WORKER", "1")
    gunicorn.post_fork(server=None, worker=None)
    assert len(asked) == 1 and asked[0].name == "jobs-worker.lock"
