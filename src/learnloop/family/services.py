"""Every family write: digest preferences, unsubscribing, sending the digests.

`send_due_digests` is what `learnloop send-digests` and the job queue call. It is
idempotent per week: a guardian gets at most one digest for the week of `now` (the
DigestDelivery row's unique (guardian, week_of)), however often it runs. Each guardian's
digest is claimed, sent and recorded in one transaction: a failed send leaves no row,
so the next run tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from learnloop.accounts.models import Role, User
from learnloop.family.digest import child_digest, children_of, preference_for
from learnloop.family.email import digest_message
from learnloop.family.models import (
    FREQUENCY_WEEKS,
    DigestDelivery,
    DigestFrequency,
    DigestPreference,
    DigestSnapshot,
)

logger = logging.getLogger(__name__)
SECTIONS = ("practice", "levels", "goals", "shared_work", "conference")


@dataclass
class DigestRun:
    """What one run of send_due_digests did, by guardian username."""

    week_of: dt.date
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # not due, no email, no child, sent
    failed: list[str] = field(default_factory=list)


def week_of(now: dt.datetime) -> dt.date:
    """The Monday of `now`'s week, in the school's time zone (settings.TIME_ZONE)."""
    day = timezone.localtime(now).date()
    return day - dt.timedelta(days=day.weekday())


@transaction.atomic
def save_digest_preference(
    *, guardian: User, frequency: str, sections: set[str], now: dt.datetime | None = None
) -> DigestPreference:
    """The guardian's choice of how often and which sections (names from SECTIONS)."""
    preference = preference_for(guardian)
    preference.frequency = DigestFrequency(frequency)
    for section in SECTIONS:
        setattr(preference, f"include_{section}", section in sections)
    preference.updated_at = now or timezone.now()
    preference.save()
    return preference


@transaction.atomic
def unsubscribe_guardian(*, guardian: User, now: dt.datetime | None = None) -> DigestPreference:
    """No more digests (one click from the email); the sections are kept for a return."""
    preference = preference_for(guardian)
    preference.frequency = DigestFrequency.NEVER
    preference.updated_at = now or timezone.now()
    preference.save()
    return preference


def _is_due(preference: DigestPreference, last: DigestDelivery | None, week: dt.date) -> bool:
    weeks = FREQUENCY_WEEKS.get(DigestFrequency(preference.frequency))
    if weeks is None:
        return False
    return last is None or (week - last.week_of).days >= 7 * weeks


def _send_one(guardian: User, now: dt.datetime, week: dt.date, run: DigestRun) -> None:
    preference = preference_for(guardian)
    last = DigestDelivery.objects.filter(guardian=guardian).first()
    children = children_of(guardian)
    if not guardian.email or not children or not _is_due(preference, last, week):
        run.skipped.append(guardian.username)
        return
    since = last.sent_at if last else now - dt.timedelta(days=7)
    before = {snap.student_id: snap.levels for snap in last.snapshots.all()} if last else {}
    digests = [
        child_digest(child, since=since, now=now, levels_before=before.get(child.pk))
        for child in children
    ]
    try:
        with transaction.atomic():
            delivery = DigestDelivery.objects.create(guardian=guardian, week_of=week, sent_at=now)
            DigestSnapshot.objects.bulk_create(
                DigestSnapshot(delivery=delivery, student=d.student, levels=d.levels)
                for d in digests
            )
            digest_message(guardian, preference, digests, now).send()
    except IntegrityError:  # another run sent this week's digest first
        run.skipped.append(guardian.username)
    except OSError:  # the mail relay refused or is down: no row, tried again next run
        logger.exception("family digest to guardian %s not sent", guardian.pk)
        run.failed.append(guardian.username)
    else:
        run.sent.append(guardian.username)


def send_due_digests(*, now: dt.datetime | None = None) -> DigestRun:
    """Send this week's digest to every guardian for whom one is due; safe to rerun."""
    now = now or timezone.now()
    run = DigestRun(week_of=week_of(now))
    already = set(
        DigestDelivery.objects.filter(week_of=run.week_of).values_list("guardian_id", flat=True)
    )
    guardians = User.objects.filter(role=Role.GUARDIAN, is_active=True).order_by("pk")
    for guardian in guardians.exclude(pk__in=already).iterator():
        _send_one(guardian, now, run.week_of, run)
    run.skipped.extend(
        User.objects.filter(pk__in=already).order_by("pk").values_list("username", flat=True)
    )
    return run
