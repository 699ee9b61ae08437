"""The outbox's job: send due statements to every school's LRS (kept enqueued by the
worker whenever statements are due)."""

from __future__ import annotations

from django.utils import timezone

from learnloop.jobs.registry import Periodic, every, job
from learnloop.xapi.models import LrsConfig


@job(max_attempts=5, backoff_seconds=30)
def send_xapi_statements() -> dict[str, int]:
    """Idempotent: each statement carries its id, and one sent is never sent again."""
    from learnloop.xapi.services import flush_outbox

    return flush_outbox()


def periodic_jobs() -> list[Periodic]:
    """The send job, now, when any statement is due, some school never set up xAPI, or
    a sending school has settled answers to take from the response log."""
    from learnloop.xapi.outbox import answers_waiting, settle_horizon
    from learnloop.xapi.services import due_statements

    now = timezone.now()
    due = due_statements(now)
    unwanted = due.exclude(school_id__in=LrsConfig.objects.values("school_id"))
    sending = LrsConfig.objects.filter(enabled=True)
    wanted = due.filter(
        school_id__in=sending.values("school_id"), timestamp__lte=settle_horizon(now)
    )
    if (
        wanted.exists()
        or unwanted.exists()
        or any(answers_waiting(config, now) for config in sending)
    ):
        return [Periodic(send_xapi_statements, every(0))]
    return []
