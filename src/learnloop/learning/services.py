"""Learning's writes off the answer path: rebuild derived state, the student's interests.

The answer itself (record, update mastery, next board) is the answer wing's
(`learning.answering.service`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.engine.practice_policy import right_for_engine
from learnloop.engine.tracing import SkillState, StudentState
from learnloop.learning.answering.parsing import AnswerError
from learnloop.learning.engine_state import (
    active_model,
    apply_answer,
    apply_update,
    cell_standing,
    skill_state_for,
)
from learnloop.learning.models import LearnerProfile, MasteryState, Response, StudentTrace
from learnloop.learning.starting_estimates import Seeds, StartingEstimate, seeds_by_student


@transaction.atomic
def rebuild_mastery(*, student_ids: list[int] | None = None) -> int:
    """Recompute every mastery state from the response log; returns responses replayed.

    Derived state must always be rebuildable: each student's first tries are replayed in
    order, in memory, through the same update and review rules as the hot path, then
    written in bulk. The summary of the other evidence (the gradebook's to rebuild, with
    `gradebook.services.refresh_levels`) is kept, so each cell's one level stays whole.
    Starting estimates (a placement's seeds, `learning.starting_estimates`) are replayed
    before the log: a standard seeded before its first answer starts from the seed.
    """
    responses = Response.objects.order_by("student_id", "created_at", "pk")
    states, traces = MasteryState.objects.all(), StudentTrace.objects.all()
    if student_ids is not None:
        responses = responses.filter(student_id__in=student_ids)
        states = states.filter(student_id__in=student_ids)
        traces = traces.filter(student_id__in=student_ids)
    kept: dict[tuple[int, int], Any] = {
        (student, standard): summary
        for student, standard, summary in states.filter(evidence_summary__isnull=False).values_list(
            "student_id", "standard_id", "evidence_summary"
        )
    }
    seeds = seeds_by_student(student_ids)
    states.delete()
    traces.delete()
    model = active_model()
    replayed, batch = 0, []
    # The same rule as the answer (engine.practice_policy): first tries only, and right
    # only when worth at least half.
    rows = responses.filter(attempt__lte=1).values_list(
        "student_id", "standard_ids", "correct", "score", "created_at", "item_id"
    )
    for student_id, standard_ids, correct, credit, created_at, item_id in rows.iterator(
        chunk_size=5000
    ):
        row = (
            student_id,
            standard_ids,
            right_for_engine(correct=correct, credit=credit),
            created_at,
            item_id,
        )
        if batch and batch[-1][0] != row[0]:
            _write_replay(model, batch, kept, seeds.pop(batch[0][0], Seeds()))
            batch = []
        batch.append(row)
        replayed += 1
    if batch:
        _write_replay(model, batch, kept, seeds.pop(batch[0][0], Seeds()))
    for student_id, unanswered in seeds.items():  # seeded, never answered
        _write_seeds(student_id, unanswered.latest(), kept)
    MasteryState.objects.bulk_create(
        [_evidence_only_state(key, summary) for key, summary in kept.items()], batch_size=1000
    )
    return replayed


def _evidence_only_state(key: tuple[int, int], summary: Any) -> MasteryState:
    """A cell with evidence but no practice (an observation, a score, an override)."""
    row = MasteryState(
        student_id=key[0], standard_id=key[1], skill_state={}, evidence_summary=summary
    )
    row.updated_at = timezone.now()
    row.combined_level = int(cell_standing(row).level)
    return row


def _seeded_state(key: tuple[int, int], seed: StartingEstimate, summary: Any) -> MasteryState:
    """A cell started at a seed, as the seed's writer left it (a placement: ADR 0015)."""
    row = (
        _evidence_only_state(key, summary)
        if summary is not None
        else MasteryState(student_id=key[0], standard_id=key[1])
    )
    row.skill_state = SkillState(skill_id=str(key[1]), mastery=seed.probability).to_dict()
    row.mastery, row.updated_at = seed.probability, seed.when
    return row


def _write_seeds(
    student_id: int, seeds: dict[int, StartingEstimate], kept: dict[tuple[int, int], Any]
) -> None:
    rows = []
    for standard_id, seed in seeds.items():
        key = (student_id, standard_id)
        rows.append(_seeded_state(key, seed, kept.pop(key, None)))
    MasteryState.objects.bulk_create(rows, batch_size=1000)


def _write_replay(
    model: Any,
    rows: list[tuple[int, list[int], bool, datetime, int]],
    kept: dict[tuple[int, int], Any],
    seeds: Seeds,
) -> None:
    """One student's answers replayed, each standard from its seed where one came before
    its first answer; their kept summaries are taken out of `kept`."""
    student_id = rows[0][0]
    student_state = StudentState()
    by_standard: dict[int, MasteryState] = {}
    for _, standard_ids, correct, when, item_id in rows:
        skills = {}
        for sid in standard_ids:
            stored = by_standard[sid].skill_state if sid in by_standard else None
            if stored is None and (seed := seeds.before(sid, when)) is not None:
                stored = SkillState(skill_id=str(sid), mastery=seed.probability).to_dict()
            skills[sid] = skill_state_for(model, sid, stored, student_state)
        student_state, updates = apply_answer(model, student_state, skills, correct, when, item_id)
        for update in updates:
            state = by_standard.get(update.standard_id)
            if state is None:
                state = by_standard[update.standard_id] = MasteryState(
                    student_id=student_id,
                    standard_id=update.standard_id,
                    evidence_summary=kept.pop((student_id, update.standard_id), None),
                )
            apply_update(state, update, correct, when)
    MasteryState.objects.bulk_create(by_standard.values(), batch_size=1000)
    unanswered = {sid: seed for sid, seed in seeds.latest().items() if sid not in by_standard}
    _write_seeds(student_id, unanswered, kept)
    StudentTrace.objects.create(
        student_id=student_id, state=student_state.to_dict(), updated_at=rows[-1][3]
    )


MAX_INTERESTS = 12


@transaction.atomic
def set_interests(*, student: User, interests: list[str], allowed: set[str]) -> list[str]:
    """Save the student's interests, keeping only tags that activities actually use."""
    unknown = sorted(set(interests) - allowed)
    if unknown:
        raise AnswerError(
            "interests", gettext("unknown interest: %(tags)s") % {"tags": ", ".join(unknown)}
        )
    chosen = sorted(set(interests))[:MAX_INTERESTS]
    LearnerProfile.objects.update_or_create(student=student, defaults={"interests": chosen})
    return chosen
