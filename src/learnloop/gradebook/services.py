"""Every gradebook write: observations, audited overrides, and the stored level of a
cell. Keyword-only, one transaction.

Overrides are append-only rows; a repeated submission of the same decision returns the
row already stored instead of adding one. Every write of evidence (here, and the
portfolio's scores and conferences' notes) ends with `refresh_levels`, the one writer of
the stored level besides the answer path (docs/gradebook.md).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import Role, User
from learnloop.core.errors import ServiceError
from learnloop.engine.levels import Level
from learnloop.engine.standing import PRACTICE, EvidenceSummary, Override, Piece
from learnloop.gradebook.evidence import evidence_for
from learnloop.gradebook.models import GradeOverride, Observation, OverrideAction
from learnloop.gradebook.selectors import current_overrides
from learnloop.learning.cells import EVIDENCE_FIELDS, store_new_cells
from learnloop.learning.engine_state import cell_standing
from learnloop.learning.models import MasteryState
from learnloop.standards.models import Standard


class GradebookError(ServiceError):
    """A write that cannot be made; `field` names the form field that was wrong."""


def _clean_reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise GradebookError(
            "reason", gettext("Reason: say why, so the decision can be understood later.")
        )
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
        raise GradebookError("level", gettext("Level: choose one from Practicing to Mastered."))
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
    refresh_levels(student_ids=[student.pk], standard_ids=[standard.pk])
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
        raise GradebookError(
            "level", gettext("Level: choose a level from Not started to Mastered.")
        )
    reason = _clean_reason(reason)
    latest = _latest(student, standard)
    if (
        latest is not None
        and latest.action == OverrideAction.SET
        and (latest.level, latest.reason, latest.created_by_id) == (level, reason, teacher.pk)
    ):
        return latest
    decision = GradeOverride.objects.create(
        student=student,
        standard=standard,
        action=OverrideAction.SET,
        level=level,
        reason=reason,
        created_by=teacher,
        created_at=now or timezone.now(),
    )
    refresh_levels(student_ids=[student.pk], standard_ids=[standard.pk])
    return decision


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
        raise GradebookError("reason", gettext("There is no override to remove on this standard."))
    if latest.action == OverrideAction.REMOVE:
        return latest
    decision = GradeOverride.objects.create(
        student=student,
        standard=standard,
        action=OverrideAction.REMOVE,
        level=None,
        reason=reason,
        created_by=teacher,
        created_at=now or timezone.now(),
    )
    refresh_levels(student_ids=[student.pk], standard_ids=[standard.pk])
    return decision


Cell = tuple[int, int]  # (student id, standard id)


def _summaries(student_ids: list[int], standard_ids: list[int]) -> dict[Cell, EvidenceSummary]:
    """Every cell's evidence other than practice, oldest first, and its active override."""
    pieces: dict[Cell, list[Piece]] = defaultdict(list)
    for item in evidence_for(student_ids, standard_ids):
        if item.kind != PRACTICE:
            piece = Piece(item.kind, item.level, item.weight, item.observed_at)
            pieces[(item.student_id, item.standard_id)].append(piece)
    overrides = {
        key: Override(int(row.level or 0), row.created_at, row.reason, row.created_by.name)
        for key, row in current_overrides(student_ids, standard_ids).items()
    }
    return {
        key: EvidenceSummary(
            tuple(sorted(pieces.get(key, []), key=lambda p: (p.observed_at, p.kind, p.level))),
            overrides.get(key),
        )
        for key in set(pieces) | set(overrides)
    }


@transaction.atomic
def refresh_levels(*, student_ids: Iterable[int], standard_ids: Iterable[int]) -> int:
    """Store again the evidence summary and the one level of these cells, from every
    evidence source and the override history; returns the cells written.

    Called after any evidence but practice changes (the answer path keeps practice's part
    itself, in memory). Locks the cells' rows, as the answer path does, so an answer and
    a new observation on the same cell cannot overwrite each other.
    """
    students, standards = sorted(set(student_ids)), sorted(set(standard_ids))
    if not students or not standards:
        return 0
    rows = {
        (row.student_id, row.standard_id): row
        for row in MasteryState.objects.select_for_update().filter(
            student_id__in=students, standard_id__in=standards
        )
    }
    return _store_levels(rows, _summaries(students, standards), timezone.now())


def _store_levels(
    rows: dict[Cell, MasteryState],
    summaries: dict[Cell, EvidenceSummary],
    now: datetime,
) -> int:
    """Write the summaries and levels onto the locked `rows`, creating missing cells (an
    answer may create the same cell meanwhile: `learning.cells.store_new_cells`)."""
    created, changed = [], []
    for key in sorted(set(rows) | set(summaries)):
        summary = summaries.get(key)
        row = rows.get(key)
        if row is None:
            row = MasteryState(student_id=key[0], standard_id=key[1], skill_state={})
            row.updated_at = now
            created.append(row)
        else:
            changed.append(row)
        row.evidence_summary = summary.to_dict() if summary else None
        row.combined_level = int(cell_standing(row).level)
    store_new_cells(created, owned_fields=EVIDENCE_FIELDS)
    MasteryState.objects.bulk_update(changed, ["evidence_summary", "combined_level"])
    return len(created) + len(changed)


REBUILD_CHUNK = 50  # students per refresh: a fixed number of queries per chunk


def rebuild_levels(*, student_ids: Iterable[int] | None = None) -> int:
    """Every stored level again from all the evidence (`learnloop manage rebuild_levels`);
    returns the cells written. Each chunk of students is refreshed on the leaf standards
    of their classes' frameworks and any standard they already have a row on."""
    students = User.objects.filter(role=Role.STUDENT).order_by("pk")
    if student_ids is not None:
        students = students.filter(pk__in=list(student_ids))
    ids = list(students.values_list("pk", flat=True))
    written = 0
    for start in range(0, len(ids), REBUILD_CHUNK):
        chunk = ids[start : start + REBUILD_CHUNK]
        standards = set(
            Standard.objects.filter(
                framework__classrooms__enrollments__student__in=chunk, children__isnull=True
            ).values_list("pk", flat=True)
        ) | set(
            MasteryState.objects.filter(student_id__in=chunk).values_list("standard_id", flat=True)
        )
        written += refresh_levels(student_ids=chunk, standard_ids=standards)
    return written
