"""The job queue as a school admin sees it (/jobs/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from learnloop.jobs.registry import ATTEMPT, POLICIES

PAGE_ROWS = 200
STATE_ORDER = ("running", "queued", "retrying", "failed", "finished")


@dataclass(frozen=True)
class JobRow:
    name: str
    state: str  # one of STATE_ORDER
    state_label: str
    attempt: int
    max_attempts: int
    enqueued_at: datetime
    run_after: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    why: str  # a failure's exception and its last line


def _why(row: DBTaskResult) -> str:
    if row.status != TaskResultStatus.FAILED:
        return ""
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return last or row.exception_class_path


def _state(row: DBTaskResult, attempt: int, max_attempts: int, now: datetime) -> str:
    if row.status == TaskResultStatus.RUNNING:
        return "running"
    if row.status == TaskResultStatus.READY:
        return "queued"
    if row.status == TaskResultStatus.FAILED:
        return "retrying" if attempt < max_attempts else "failed"
    return "finished"


def _labels() -> dict[str, str]:
    return {
        "running": _("Running"),
        "queued": _("Queued"),
        "retrying": _("Failed, will retry"),
        "failed": _("Failed"),
        "finished": _("Finished"),
    }


def _belongs(kwargs: dict[str, Any], school_id: int) -> bool:
    owner = kwargs.get("school_id")
    return owner is None or owner == school_id


def jobs_for_school(school_id: int, *, now: datetime | None = None) -> list[JobRow]:
    """The latest jobs of this school and those of no school (refits, pruning), newest
    first: one query, at most PAGE_ROWS rows read."""
    now = now or timezone.now()
    labels = _labels()
    rows: list[JobRow] = []
    recent = DBTaskResult.objects.order_by("-enqueued_at")[:PAGE_ROWS]
    for row in recent:
        kwargs = dict(row.args_kwargs.get("kwargs", {}))
        if not _belongs(kwargs, school_id):
            continue
        policy = POLICIES.get(row.task_path)
        attempt = int(kwargs.get(ATTEMPT, 1))
        max_attempts = policy.max_attempts if policy else 1
        state = _state(row, attempt, max_attempts, now)
        far = row.run_after.year >= 9999
        rows.append(
            JobRow(
                name=row.task_path.rsplit(".", 1)[-1].replace("_", " "),
                state=state,
                state_label=labels[state],
                attempt=attempt,
                max_attempts=max_attempts,
                enqueued_at=row.enqueued_at,
                run_after=None if far else row.run_after,
                started_at=row.started_at,
                finished_at=row.finished_at,
                why=_why(row),
            )
        )
    return rows


def counts_by_state(rows: list[JobRow]) -> list[tuple[str, int]]:
    labels = _labels()
    return [(labels[state], sum(r.state == state for r in rows)) for state in STATE_ORDER]
