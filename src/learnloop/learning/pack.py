"""The practice pack: one activity's items, with all a device needs to practice offline.

A student downloads a pack for an activity they may open (`learning.access`: on the
frameworks of their classes, or assigned to them); the offline page grades in the
browser from each item's grading spec (`content.grading_specs`) and shows hints,
scaffolds and the worked solution at once. The server regrades every answer on sync.

Variabilized items are drawn ahead: each packed item carries a fresh `client_id` (uuid4)
and is packed as the instance `draw_seed(student, client_id)` draws (stem, hints, steps
and their scaffolds, choices, grading spec: `content.item_instances`). The browser sends
that client id with the item's first answer from this download, so the server regrades
the very instance the browser graded (docs/learning.md, "Offline practice").

Secure content never leaves the server: a secure activity or a quiz has no pack, and a
secure item, or one that is also in a quiz or a secure activity, is left out of every
pack (docs/security.md).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q

from learnloop.accounts.models import User
from learnloop.content.grading_adapter import spec_for_item
from learnloop.content.grading_specs import spec_to_json
from learnloop.content.item_instances import (
    ItemInstance,
    draw_for,
    draw_seed,
    is_variabilized,
    item_instance,
)
from learnloop.content.item_parts import has_parts
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
from learnloop.standards.selectors import leaf_standards_for_student

PACK_VERSION = 1


class SecureActivity(Exception):
    """The activity is secure (a quiz, a placement check): it is never packed."""


def is_secure_activity(activity: Activity) -> bool:
    return activity.secure or activity.kind == ActivityKind.QUIZ


def packable_entries(activity: Activity) -> list[ActivityItem]:
    """The activity's published items in order, less every secure one and every item
    served step by step (`content.item_parts.has_parts`: the offline page has no step
    player, and a pack's grading spec holds one answer key); choices, steps and their
    hints prefetched (a fixed number of queries whatever the pack's size)."""
    return [entry for entry in _published_entries(activity) if not has_parts(entry.item)]


def _published_entries(activity: Activity) -> list[ActivityItem]:
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


def _step(step: ItemStep, item: Item, seed: str) -> dict[str, Any]:
    """A step and its hints, in the row the seed draws (as stored for an item without
    variables: `draw_for` puts in row 0, which the stored text already holds)."""

    def drawn(text: str, variables: Any = None) -> str:
        return draw_for(text, item, seed, variables) if is_variabilized(item) else text

    return {
        "title": drawn(step.title, step.variables),
        "body": drawn(step.body, step.variables),
        "hints": [
            {
                "kind": hint.kind,
                "title": drawn(hint.title, hint.variables),
                "text": drawn(hint.text, hint.variables),
                "answers": [drawn(str(answer), hint.variables) for answer in hint.answers],
            }
            for hint in step.hints.all()
        ],
    }


def _item(item: Item, student_id: int) -> dict[str, Any]:
    """One packed item: the instance its packed client id draws for this student."""
    client_id = uuid.uuid4()
    seed = draw_seed(student_id, client_id)
    shown: ItemInstance = item_instance(item, seed)
    return {
        "id": item.pk,
        "client_id": str(client_id),
        "drawn": shown.drawn,
        "kind": item.kind,
        "title": shown.item.title,
        "stem": shown.item.stem,
        "choices": [{"key": c.key, "text": c.text} for c in shown.choices],
        "hints": list(shown.item.hints),
        "solution": item.solution,
        "steps": [_step(step, item, seed) for step in item.steps.all()],
        "grading": spec_to_json(spec_for_item(shown.item, shown.choices)),
        "updated_at": item.updated_at.isoformat(),
    }


def pack_for_student(*, student: User, activity: Activity, now: datetime) -> dict[str, Any]:
    """The pack of an activity the student may open (the caller asked `learning.access`).

    Raises SecureActivity for a quiz or a secure activity. A variabilized item is packed
    as the instance its packed client id draws for this student (drawn ahead).
    """
    items = [_item(entry.item, student.pk) for entry in _entries_to_pack(activity)]
    return _pack(activity, now, student.pk, items)


def packable_activities_for_student(student: User, now: datetime) -> list[Activity]:
    """The practice activities the student may take offline: those on the standards of
    their classes and those on their choice board (assignments, agreed actions); never a
    quiz or a secure activity."""
    standard_ids = [standard.pk for standard in leaf_standards_for_student(student)]
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


def shared_pack(*, activity: Activity, now: datetime) -> dict[str, Any]:
    """An activity's pack for a shared device, tied to no student (a class pack, made by
    its teacher: `teaching.class_pack`): the student pack's shape with `student_id` null
    and no client ids (nothing is drawn ahead; the device makes a fresh id per answer).

    A variabilized item is left out: the server grades it on the row drawn from the
    answering student's seed and the answer's client id, which a pack made for no
    student cannot know, so a browser mark from a stored row would disagree. Raises
    SecureActivity for a quiz or a secure activity.
    """
    items = [
        _item_as_stored(entry.item)
        for entry in _entries_to_pack(activity)
        if not is_variabilized(entry.item)
    ]
    return _pack(activity, now, None, items)


def _entries_to_pack(activity: Activity) -> list[ActivityItem]:
    """`packable_entries`, for an activity that may travel at all (else SecureActivity)."""
    if is_secure_activity(activity):
        raise SecureActivity(activity.pk)
    return packable_entries(activity)


def _pack(
    activity: Activity, now: datetime, student_id: int | None, items: list[dict[str, Any]]
) -> dict[str, Any]:
    """The one shape of a pack, a student's or a shared device's (docs/learning.md)."""
    return {
        "version": PACK_VERSION,
        "made_at": now.isoformat(),
        "student_id": student_id,
        "activity": {
            "id": activity.pk,
            "title": activity.title,
            "summary": activity.summary,
            "kind": activity.kind,
        },
        "items": items,
    }


def _item_as_stored(item: Item) -> dict[str, Any]:
    """An item without variables, packed as stored and with no client id: its instance
    is the same whatever the seed (`item_instance` draws nothing for it)."""
    packed = _item(item, student_id=0)
    del packed["client_id"]
    return packed
