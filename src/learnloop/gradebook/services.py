"""Every gradebook write: observations and audited overrides. Keyword-only, one transaction.

Overrides are append-only rows; a repeated submission of the same decision returns the
row already stored instead of adding one.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.engine.levels import Level
from learnloop.gradebook.models import GradeOverride, Observation, OverrideAction
from learnloop.standards.models import Standard


class GradebookError(ValueError):
    """A write that cannot be made; `field` names the form field that was wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _clean_reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise GradebookError("reason", "Reason: say why, so the decision can be understood later.")
    return cleaned


@transaction.atomic
def record_observation(
    *,
    observer: User,
    student: User,
    standard: Standard,
    level: int,
    note: str = "",
    client_id: uuid.UUID,
    observed_at: datetime | None = None,
) -> Observation:
    """Store what a teacher saw; the same form submitted twice is stored once."""
    if not Level.PRACTICING <= level <= Level.MASTERED:
        raise GradebookError("level", "Level: choose one from Practicing to Mastered.")
    observation, _ = Observation.objects.get_or_create(
        observer=observer,
        client_id=client_id,
        defaults={
            "student": student,
            "standard": standard,
            "level": level,
            "note": note.strip(),
            "observed_at": observed_at or timezone.now(),
        },
    )
    return observation


def _latest(student: User, standard: Standard) -> GradeOverride | None:
    return (
        GradeOverride.objects.select_for_update()
        .filter(student=student, standard=standard)
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def override_grade(
    *,
    teacher: User,
    student: User,
    standard: Standard,
    level: int,
    reason: str,
    now: datetime | None = None,
) -> GradeOverride:
    """Set the level by hand, with who, when and why; the newest decision wins."""
    if not Level.NOT_STARTED <= level <= Level.MASTERED:
        raise GradebookError("level", "Level: choose a level from Not started to Mastered.")
    reason = _clean_reason(reason)
    latest = _latest(student, standard)
    if (
        latest is not None
        and latest.action == OverrideAction.SET
        and (latest.level, latest.reason, latest.created_by_id) == (level, reason, teacher.pk)
    ):
        return latest
    return GradeOverride.objects.create(
        student=student,
        standard=standard,
        action=OverrideAction.SET,
        level=level,
        reason=reason,
        created_by=teacher,
        created_at=now or timezone.now(),
    )


@transaction.atomic
def remove_override(
    *,
    teacher: User,
    student: User,
    standard: Standard,
    reason: str,
    now: datetime | None = None,
) -> GradeOverride:
    """Go back to the level the evidence gives; the removal itself is a recorded row."""
    reason = _clean_reason(reason)
    latest = _latest(student, standard)
    if latest is None:
        raise GradebookError("reason", "There is no override to remove on this standard.")
    if latest.action == OverrideAction.REMOVE:
        return latest
    return GradeOverride.objects.create(
        student=student,
        standard=standard,
        action=OverrideAction.REMOVE,
        level=None,
        reason=reason,
        created_by=teacher,
        created_at=now or timezone.now(),
    )
