"""LTI work on the job queue (docs/jobs.md): score passback and membership sync.

Both are the functions the `lti-send-scores` and `lti-sync-members` commands call, kept
enqueued by the worker only where a school has registered an LMS."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.conf import settings

from learnloop.jobs.registry import Periodic, daily_at, every, job
from learnloop.lti.models import Platform


def _plain(report: Any) -> dict[str, Any]:
    """A report as JSON the queue can keep (dates and other values as text)."""
    return {key: value if isinstance(value, (int, float, str, list, type(None))) else str(value)
            for key, value in asdict(report).items()}  # fmt: skip


@job(max_attempts=3, backoff_seconds=60)
def send_lti_scores() -> dict[str, Any]:
    """Queue changed scores and post the due ones. Idempotent: a score is sent once, a
    failed one waits for its own backoff (`lti.scores`), so a rerun sends nothing twice."""
    from learnloop.lti.scores import send_due_scores

    return _plain(send_due_scores())


@job(max_attempts=3, backoff_seconds=600)
def sync_lti_members() -> dict[str, Any]:
    """Class membership from each LMS course (NRPS). Idempotent: it only enrols who is
    missing and never removes anyone."""
    from learnloop.lti.members import sync_all_classes

    return _plain(sync_all_classes())


def periodic_jobs() -> list[Periodic]:
    """Scores every few minutes and the rosters nightly, once an LMS is registered."""
    if not Platform.objects.exists():
        return []
    return [
        Periodic(send_lti_scores, every(settings.LEARNLOOP_LTI_SCORES_SECONDS)),
        Periodic(sync_lti_members, daily_at(settings.LEARNLOOP_LTI_SYNC_HOUR)),
    ]
