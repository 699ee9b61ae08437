"""The practice pack: one activity's items, with all a device needs to practise offline.

A student downloads a pack for an activity they may open (`learning.access`: on the
frameworks of their classes, or assigned to them); the offline page grades in the
browser from each item's grading spec (`content.grading_specs`) and shows hints,
scaffolds and the worked solution at once. The server regrades every answer on sync.

Secure content never leaves the server: a secure activity or a quiz has no pack, and a
secure item, or one that is also in a quiz or a secure activity, is left out of every
pack (docs/security.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q

from learnloop.accounts.models import User
from learnloop.content.grading_adapter import spec_for_item
from learnloop.content.grading_specs import spec_to_json
from learnloop.content.models import (
    Activity,
    ActivityItem,
    ActivityKind,
    Choice,
    Item,
    ItemStep,
    Status,
    StepHint,
)
from learnloop.learning import selectors

PACK_VERSION = 1


class SecureActivity(Exception):
    """The activity is secure (a quiz, a placement check): it is never packed."""


def is_secure_activity(activity: Activity) -> bool:
    return activity.secure or activity.kind == ActivityKind.QUIZ


def packable_entries(activity: Activity) -> list[ActivityItem]:
    """The activity's published items in order, less every secure one; choices, steps and
    their hints prefetched (a fixed number of queries whatever the pack's size)."""
    in_secure_activity = Q(item__entries__activity__secure=True) | Q(
        item__entries__activity__kind=ActivityKind.QUIZ
    )
    secure_ids = ActivityItem.objects.filter(activity=activity).filter(in_secure_activity)
    return list(
        ActivityItem.objects.filter(
            activity=activity, item__status=Status.PUBLISHED, item__secure=False
        )
        .exclude(item_id__in=secure_ids.values("item_id"))
        .select_related("item")
        .prefetch_related(
            Prefetch("item__choices", queryset=Choice.objects.order_by("position", "pk")),
            Prefetch(
                "item__steps",
                queryset=ItemStep.objects.prefetch_related(
                    Prefetch("hints", queryset=StepHint.objects.filter(parent=None))
                ),
            ),
        )
        .order_by("position", "pk")
    )


def _step(step: ItemStep) -> dict[str, Any]:
    return {
        "title": step.title,
        "body": step.body,
        "hints": [
            {"kind": hint.kind, "title": hint.title, "text": hint.text, "answers": hint.answers}
            for hint in step.hints.all()
        ],
    }


def _item(item: Item) -> dict[str, Any]:
    return {
        "id": item.pk,
        "kind": item.kind,
        "title": item.title,
        "stem": item.stem,
        "choices": [{"key": c.identifier, "text": c.text} for c in item.choices.all()],
        "hints": list(item.hints),
        "solution": item.solution,
        "steps": [_step(step) for step in item.steps.all()],
        "grading": spec_to_json(spec_for_item(item)),
        "updated_at": item.updated_at.isoformat(),
    }


def pack_for_student(*, student: User, activity: Activity, now: datetime) -> dict[str, Any]:
    """The pack of an activity the student may open (the caller asked `learning.access`).

    Raises SecureActivity for a quiz or a secure activity. Variabilized items are packed
    as stored: the importers draw each item's values when they store it.
    """
    if is_secure_activity(activity):
        raise SecureActivity(activity.pk)
    return {
        "version": PACK_VERSION,
        "made_at": now.isoformat(),
        "student_id": student.pk,
        "activity": {
            "id": activity.pk,
            "title": activity.title,
            "summary": activity.summary,
            "kind": activity.kind,
        },
        "items": [_item(entry.item) for entry in packable_entries(activity)],
    }


def packable_activities_for_student(student: User, now: datetime) -> list[Activity]:
    """The practice activities the student may take offline: those on the standards of
    their classes and those on their choice board (assignments, agreed actions); never a
    quiz or a secure activity."""
    standard_ids = [standard.pk for standard in selectors.standards_for_student(student)]
    on_board = {
        option.activity_id
        for option in selectors.board_for_student(student, now)
        if option.activity_id
    }
    mine = selectors.activities_for_student(student, standard_ids).values("pk")
    return list(
        Activity.objects.filter(Q(pk__in=mine) | Q(pk__in=on_board))
        .filter(status=Status.PUBLISHED, kind=ActivityKind.PRACTICE, secure=False)
        .filter(Q(school__isnull=True) | Q(school_id=student.school_id))
        .order_by("title")
    )
