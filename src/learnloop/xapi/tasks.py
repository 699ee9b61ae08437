"""The outbox's job: send due statements to every school's LRS (kept enqueued by the
worker whenever statements are due)."""

from __future__ import annotations

from django.utils import timezone

from learnloop.jobs.registry import Periodic, every, job
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus


@job(max_attempts=5, backoff_seconds=30)
def send_xapi_statements() -> dict[str, int]:
    """Idempotent: each statement carries its id, and one sent is never sent again."""
    from learnloop.xapi.services import flush_outbox

    return flush_outbox()


def periodic_jobs() -> list[Periodic]:
    """The send job, now, when any statement is due or some school never set up xAPI."""
    due = OutboxStatement.objects.filter(
        status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now()
    )
    unwanted = due.exclude(school_id__in=LrsConfig.objects.values("school_id"))
    wanted = due.filter(school_id__in=LrsConfig.objects.filter(enabled=True).values("school_id"))
    if wanted.exists() or unwanted.exists():
        return [Periodic(send_xapi_statements, every(0))]
    return []
