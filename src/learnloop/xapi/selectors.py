"""Reads of the xAPI pages: the outbox's counts and the dead letters of one school."""

from __future__ import annotations

from django.db.models import Count

from learnloop.schools.models import School
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus
from learnloop.xapi.outbox import statements_past_mark

DEAD_LETTERS_SHOWN = 100


def lrs_config_for_school(school: School) -> LrsConfig | None:
    return LrsConfig.objects.filter(school=school).first()


def outbox_counts_for_school(school: School) -> dict[str, int]:
    """Statements by status; waiting counts the statements of the answers not yet taken
    from the response log too (ADR 0017)."""
    counts = dict(
        OutboxStatement.objects.filter(school=school)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    config = lrs_config_for_school(school)
    if config is not None:
        waiting = counts.get(OutboxStatus.PENDING.value, 0) + statements_past_mark(config)
        counts[OutboxStatus.PENDING.value] = waiting
    return {status.value: counts.get(status.value, 0) for status in OutboxStatus}


def dead_letters_for_school(school: School) -> list[OutboxStatement]:
    return list(
        OutboxStatement.objects.filter(school=school, status=OutboxStatus.DEAD)
        .select_related("student")
        .order_by("-timestamp")[:DEAD_LETTERS_SHOWN]
    )


def oldest_pending_for_school(school: School) -> OutboxStatement | None:
    return (
        OutboxStatement.objects.filter(school=school, status=OutboxStatus.PENDING)
        .order_by("timestamp")
        .first()
    )
