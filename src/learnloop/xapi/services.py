"""Writes of the xAPI app: sending the outbox, the dead letters, the school's LRS settings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from learnloop.core.errors import ServiceError
from learnloop.learning.models import Response
from learnloop.schools.models import School
from learnloop.xapi.lrs import Delivery, Lrs
from learnloop.xapi.models import LrsConfig, OutboxStatement, OutboxStatus
from learnloop.xapi.outbox import settle_horizon, take_answers
from learnloop.xapi.schema import statement_problems
from learnloop.xapi.statements import Lookups, RenderError, render_statement

BACKOFF_SECONDS = 30
MAX_BACKOFF_SECONDS = 3600
ENV_NAME = re.compile(r"^[A-Z_][A-Z0-9_]{0,99}$")


class XapiError(ServiceError):
    pass


@dataclass
class SendReport:
    sent: int = 0
    dead: int = 0
    retrying: int = 0
    reason: str = ""


def backoff(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: 30 s doubling, at most 1 h,
    so an LRS that is down for a day gets about 30 tries and loses nothing."""
    return timedelta(seconds=min(BACKOFF_SECONDS * 2 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


def due_rows(school_id: int, now: datetime, limit: int) -> list[OutboxStatement]:
    """The school's statements to send now, oldest first. None newer than the settle
    horizon leaves yet (a synced batch's level changes are written at once; answers are
    taken from the response log once settled: `outbox.take_answers`). The statements of
    one answer share its time; among them "answered" leaves first (the verbs sort so:
    answered, completed, mastered, progressed), so a level change or a session's end
    never overtakes the answer that made it, even across two batches."""
    return list(
        due_statements(now)
        .filter(school_id=school_id, timestamp__lte=settle_horizon(now))
        .order_by("timestamp", "verb", "id")[:limit]
    )


def due_statements(now: datetime):  # type: ignore[no-untyped-def]
    return OutboxStatement.objects.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=now)


def _lrs(config: LrsConfig) -> Lrs:
    return Lrs.from_config(
        endpoint=config.endpoint,
        version=config.version,
        key_env=config.key_env,
        secret_env=config.secret_env,
    )


def send_due(*, config: LrsConfig, now: datetime | None = None) -> SendReport:
    """Send one batch of the school's due statements; mark each sent, dead or for later."""
    now = now or timezone.now()
    rows = due_rows(config.school_id, now, settings.LEARNLOOP_XAPI_BATCH)
    report = SendReport()
    if not rows:
        return report
    lookups = Lookups.for_rows(rows)
    rendered, dead = [], {}
    for row in rows:
        try:
            statement = render_statement(row, config, lookups)
        except RenderError as error:
            dead[str(row.id)] = str(error)
            continue
        problems = statement_problems(statement, version=config.version)
        if problems:
            dead[str(row.id)] = "; ".join(problems)[:1000]
        else:
            rendered.append(statement)
    try:
        delivery = _lrs(config).send(rendered)
    except LookupError as error:
        delivery = Delivery(retry_reason=str(error))
    delivery.refused.update(dead)
    _record(rows, delivery, now, report)
    return report


@transaction.atomic
def _record(
    rows: list[OutboxStatement], delivery: Delivery, now: datetime, report: SendReport
) -> None:
    sent, refused = set(delivery.sent), delivery.refused
    sent_ids = [row.id for row in rows if str(row.id) in sent]
    OutboxStatement.objects.filter(id__in=sent_ids).update(
        status=OutboxStatus.SENT, sent_at=now, last_error=""
    )
    report.sent = len(sent_ids)
    for row in rows:
        key = str(row.id)
        if key in sent:
            continue
        row.attempts += 1
        if key in refused:
            row.status, row.last_error = OutboxStatus.DEAD, refused[key]
            report.dead += 1
        else:
            row.last_error = delivery.retry_reason
            row.next_attempt_at = now + backoff(row.attempts)
            report.retrying += 1
        row.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
    report.reason = delivery.retry_reason


def flush_outbox(*, now: datetime | None = None, max_batches: int = 100) -> dict[str, int]:
    """Take every sending school's settled answers into the outbox, then send its due
    statements, batch after batch, until none is due or the LRS asks for a later try.
    Rows of schools that never set up an LRS are dropped."""
    now = now or timezone.now()
    totals = {"sent": 0, "dead": 0, "retrying": 0, "dropped": drop_unwanted()}
    for config in LrsConfig.objects.filter(enabled=True).order_by("school_id"):
        for _batch in range(max_batches):
            if not take_answers(config=config, now=now):
                break
        for _batch in range(max_batches):
            report = send_due(config=config, now=now)
            totals["sent"] += report.sent
            totals["dead"] += report.dead
            totals["retrying"] += report.retrying
            if report.reason or not (report.sent or report.dead):
                break
    return totals


@transaction.atomic
def drop_unwanted() -> int:
    """Statements of schools with no LRS settings at all (xAPI never set up): not kept.
    A school whose LRS is only switched off keeps its statements for when it is back."""
    deleted, _ = (
        OutboxStatement.objects.filter(status=OutboxStatus.PENDING)
        .exclude(school_id__in=LrsConfig.objects.values("school_id"))
        .delete()
    )
    return deleted


def _locked_dead_letter(statement: OutboxStatement) -> OutboxStatement:
    row = (
        OutboxStatement.objects.select_for_update()
        .filter(pk=statement.pk, status=OutboxStatus.DEAD)
        .first()
    )
    if row is None:
        raise XapiError("statement", _("This statement is no longer refused."), status=409)
    return row


@transaction.atomic
def retry_dead_letter(*, statement: OutboxStatement) -> OutboxStatement:
    """Put a refused statement back in the outbox, to be sent on the worker's next pass."""
    row = _locked_dead_letter(statement)
    row.status, row.attempts, row.next_attempt_at = OutboxStatus.PENDING, 0, timezone.now()
    row.save(update_fields=["status", "attempts", "next_attempt_at"])
    return row


@transaction.atomic
def discard_dead_letter(*, statement: OutboxStatement) -> OutboxStatement:
    """Give up on a refused statement (kept as discarded, never sent)."""
    row = _locked_dead_letter(statement)
    row.status = OutboxStatus.DISCARDED
    row.save(update_fields=["status"])
    return row


def _check_env_name(field: str, value: str) -> str:
    if not ENV_NAME.match(value):
        raise XapiError(
            field,
            _("Name an environment variable: capital letters, digits and _, e.g. LRS_KEY."),
        )
    return value


@transaction.atomic
def save_lrs_config(
    *,
    school: School,
    enabled: bool,
    endpoint: str,
    key_env: str,
    secret_env: str,
    version: str,
    actor_kind: str,
    home_page: str,
) -> LrsConfig:
    """Create or change the school's LRS settings."""
    if not endpoint.startswith(("https://", "http://")):
        raise XapiError("endpoint", _("The endpoint must be an http(s) address."))
    if actor_kind == "account" and not home_page:
        raise XapiError("home_page", _("Account actors need the school's home page."))
    config, created = LrsConfig.objects.update_or_create(
        school=school,
        defaults={
            "enabled": enabled,
            "endpoint": endpoint,
            "key_env": _check_env_name("key_env", key_env),
            "secret_env": _check_env_name("secret_env", secret_env),
            "version": version,
            "actor_kind": actor_kind,
            "home_page": home_page,
        },
    )
    if created:  # answers from now on: the past ones were never kept for this school
        config.answers_through = Response.objects.aggregate(last=Max("id"))["last"] or 0
        config.save(update_fields=["answers_through"])
    return config
