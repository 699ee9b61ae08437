"""The weekly family digest on the job queue (docs/jobs.md, docs/family.md).

`send_due_digests` sends each guardian at most one digest a week (a delivery row per
guardian and week), so the worker runs it daily: a guardian whose week has come gets
theirs, and a rerun sends nothing twice (`learnloop send-digests` does the same by hand)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings

from learnloop.jobs.registry import Periodic, daily_at, job


@job(max_attempts=3, backoff_seconds=900)
def send_family_digests() -> dict[str, Any]:
    from learnloop.family.services import send_due_digests

    run = asdict(send_due_digests())
    return {key: value if isinstance(value, (int, float, str, list, type(None))) else str(value)
            for key, value in run.items()}  # fmt: skip


def periodic_jobs() -> list[Periodic]:
    hour = settings.LEARNLOOP_DIGEST_HOUR
    return [Periodic(send_family_digests, daily_at(hour))] if 0 <= hour <= 23 else []
