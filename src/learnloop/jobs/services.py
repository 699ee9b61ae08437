"""Writes on the job queue that are not a job's own: pruning what is finished."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

FINISHED = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)


@transaction.atomic
def prune_finished_jobs(*, days: int | None = None, now: datetime | None = None) -> int:
    """Delete jobs that finished (succeeded or failed) more than `days` days ago
    (LEARNLOOP_JOBS_KEEP_DAYS by default); how many were deleted."""
    keep = settings.LEARNLOOP_JOBS_KEEP_DAYS if days is None else days
    if keep < 0:
        raise ValueError("days must be zero or more")
    cutoff = (now or timezone.now()) - timedelta(days=keep)
    deleted, _ = DBTaskResult.objects.filter(status__in=FINISHED, finished_at__lt=cutoff).delete()
    return deleted
