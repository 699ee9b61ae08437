"""Creating brand-new mastery cells when another writer may create the same one.

A (student, standard) cell has two writers: the answer path (practice's part: the
engine's fields) and `gradebook.services.refresh_levels` (everything else: the evidence
summary). Each reads the cells it needs, locking those that exist, then inserts the ones
that did not. A row that does not exist yet cannot be locked, so an answer and an
observation arriving together on a brand-new cell could both insert it, and the second
would fail on `unique_mastery_state`.

`store_new_cells` lets the second writer lose that race gracefully: it inserts inside a
savepoint; on a unique violation it rolls back to the savepoint, locks and reads the
rows the other writer created (on PostgreSQL it waits for that writer to commit), copies
only the fields it owns onto them, recomputes the combined level from both parts and
updates them. The caller gets back the stored rows, with their ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction

from learnloop.learning.engine_state import cell_standing
from learnloop.learning.models import MasteryState

Key = tuple[int, int]  # (student id, standard id)

# The fields each writer owns; `combined_level` is recomputed from the merged row.
PRACTICE_FIELDS = (
    "skill_state", "mastery", "level", "attempts", "successes", "last_practiced_at",
    "review_card", "review_due_at", "updated_at",
)  # fmt: skip
EVIDENCE_FIELDS = ("evidence_summary",)


def _key(row: MasteryState) -> Key:
    return (row.student_id, row.standard_id)


def store_new_cells(
    new_rows: Sequence[MasteryState], *, owned_fields: Sequence[str]
) -> dict[Key, MasteryState]:
    """Insert `new_rows`, or merge `owned_fields` into rows another writer just created.

    Call inside the writer's transaction. Returns every stored row by (student, standard).
    """
    if not new_rows:
        return {}
    try:
        with transaction.atomic():  # a savepoint: a conflict leaves the caller's work intact
            MasteryState.objects.bulk_create(new_rows)
        return {_key(row): row for row in new_rows}
    except IntegrityError:
        pass
    existing = {
        _key(row): row
        for row in MasteryState.objects.select_for_update().filter(
            student_id__in={row.student_id for row in new_rows},
            standard_id__in={row.standard_id for row in new_rows},
        )
    }
    stored: dict[Key, MasteryState] = {}
    missing = []
    for row in new_rows:
        other = existing.get(_key(row))
        if other is None:
            missing.append(row)
            stored[_key(row)] = row
            continue
        for field in owned_fields:
            setattr(other, field, getattr(row, field))
        other.combined_level = int(cell_standing(other).level)
        other.save(update_fields=[*owned_fields, "combined_level"])
        stored[_key(row)] = other
    MasteryState.objects.bulk_create(missing)
    return stored
