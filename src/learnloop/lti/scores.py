"""Assignment and Grade Services: scores to the LMS gradebook through an outbox.

`send_due_scores()` (the `learnloop lti-send-scores` command, and the job queue's task)
first queues a PendingScore for every learner whose score changed since the last one
sent, then posts every due score. A failure keeps the row and retries it later with
doubling backoff (1 minute, 2, 4, ... at most a day); a newer score replaces an unsent
older one, as the LMS only needs the latest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from learnloop.content.models import ActivityItem
from learnloop.learning.models import MasteryState, Response
from learnloop.lti.models import Learner, PendingScore, Platform
from learnloop.lti.tool_conf import registration_for

COMPLETE_AFTER_ITEMS = 10  # as teaching.completion: a long activity is done after ten items
MAX_BACKOFF = dt.timedelta(days=1)


@dataclass(frozen=True)
class SendReport:
    queued: int
    sent: int
    failed: int


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def score_of(learner: Learner) -> tuple[float, float, bool] | None:
    """(given, maximum, completed) for the learner's placement, None when nothing to score."""
    activity = learner.link.activity
    if activity is None:
        return None
    student = learner.identity.user
    if learner.link.context.platform.score_kind == Platform.ScoreKind.LEVEL:
        standards = activity.standards.values("pk")
        level = MasteryState.objects.filter(student=student, standard__in=standards).aggregate(
            mean=Avg("combined_level")
        )["mean"]
        return (round(float(level or 0), 2), 4.0, level is not None)
    items = ActivityItem.objects.filter(activity=activity).values("item_id")
    needed = min(items.count(), COMPLETE_AFTER_ITEMS)
    if needed == 0:
        return None
    answered = (
        Response.objects.filter(student=student, item_id__in=items)
        .values("item_id")
        .distinct()
        .count()
    )
    given = float(min(answered, needed))
    return (given, float(needed), given >= needed)


@transaction.atomic
def queue_changed_scores(*, now: dt.datetime) -> int:
    queued = 0
    learners = Learner.objects.select_related(
        "identity__user", "link__activity", "link__context__platform"
    ).exclude(link__lineitem_url="")
    for learner in learners:
        score = score_of(learner)
        if score is None or score[0] == learner.last_sent_score:
            continue
        if learner.pending.filter(sent_at=None, score_given=score[0]).exists():
            continue
        learner.pending.filter(sent_at=None).delete()
        PendingScore.objects.create(
            learner=learner,
            score_given=score[0],
            score_maximum=score[1],
            completed=score[2],
            created_at=now,
            next_attempt_at=now,
        )
        queued += 1
    return queued


def _grade(pending: PendingScore, now: dt.datetime) -> Grade:
    return (
        Grade()
        .set_score_given(pending.score_given)
        .set_score_maximum(pending.score_maximum)
        .set_timestamp(now.isoformat())
        .set_activity_progress("Completed" if pending.completed else "InProgress")
        .set_grading_progress("FullyGraded")
        .set_user_id(pending.learner.identity.subject)
    )


def _send(pending: PendingScore, connectors: dict[int, ServiceConnector], now: dt.datetime) -> None:
    link = pending.learner.link
    platform = link.context.platform
    if platform.pk not in connectors:
        connectors[platform.pk] = ServiceConnector(registration_for(platform))
    service = AssignmentsGradesService(
        connectors[platform.pk], {"scope": link.ags_scopes, "lineitem": link.lineitem_url}
    )
    service.put_grade(_grade(pending, now))


def send_due_scores(*, now: dt.datetime | None = None) -> SendReport:
    """Queue changed scores, then post the due ones; each result is saved as it comes."""
    now = now or timezone.now()
    queued = queue_changed_scores(now=now)
    due = PendingScore.objects.select_related(
        "learner__identity", "learner__link__context__platform"
    ).filter(sent_at=None, next_attempt_at__lte=now)
    connectors: dict[int, ServiceConnector] = {}
    sent = failed = 0
    for pending in due.order_by("next_attempt_at"):
        try:
            _send(pending, connectors, now)
        except Exception as error:  # the LMS's refusal or a network failure: retry later
            _failed(pending, error, now)
            failed += 1
        else:
            _sent(pending, now)
            sent += 1
    return SendReport(queued=queued, sent=sent, failed=failed)


@transaction.atomic
def _sent(pending: PendingScore, now: dt.datetime) -> None:
    pending.sent_at = now
    pending.attempts += 1
    pending.last_error = ""
    pending.save(update_fields=["sent_at", "attempts", "last_error"])
    learner = pending.learner
    learner.last_sent_score = pending.score_given
    learner.save(update_fields=["last_sent_score"])


@transaction.atomic
def _failed(pending: PendingScore, error: Exception, now: dt.datetime) -> None:
    pending.attempts += 1
    pending.last_error = f"{type(error).__name__}: {error}"[:500]
    pending.next_attempt_at = now + backoff(pending.attempts)
    pending.save(update_fields=["attempts", "last_error", "next_attempt_at"])
