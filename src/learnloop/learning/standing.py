"""Reading the one level of a (student, standard), and saying why in words.

The level is stored on the mastery state (`combined_level`, engine.standing): every page
that shows a level reads it through here, so no two pages can disagree. The parts
(what practice says, what a scored project says, the override and its reason) come from
the same row, so a page can show the parts beside the headline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from learnloop.engine.levels import Level
from learnloop.engine.standing import Standing
from learnloop.learning.engine_state import cell_standing
from learnloop.learning.models import MasteryState

Key = tuple[int, int]  # (student id, standard id)

NOT_STARTED = Standing(Level.NOT_STARTED, Level.NOT_STARTED, Level.NOT_STARTED, (), None, False)
STANDING_FIELDS = ("student", "standard", "level", "attempts", "last_practiced_at",
                   "combined_level", "evidence_summary")  # fmt: skip
KIND_WORDS = {
    "practice": "Practice",
    "observation": "A teacher's observation",
    "rubric": "Work scored on a rubric",
    "conference": "A conference note",
}


def stored_standing(state: MasteryState | None) -> Standing:
    """The cell's parts from its row, and its headline exactly as stored."""
    if state is None:
        return NOT_STARTED
    return dataclasses.replace(cell_standing(state), level=Level(state.combined_level))


def standings_for(student_ids: Iterable[int], standard_ids: Iterable[int]) -> dict[Key, Standing]:
    """Every stored cell of these students and standards, in one query; a missing cell
    is not started (`standings.get(key, NOT_STARTED)`)."""
    rows = MasteryState.objects.filter(
        student_id__in=set(student_ids), standard_id__in=set(standard_ids)
    ).only(*STANDING_FIELDS)
    return {(row.student_id, row.standard_id): stored_standing(row) for row in rows}


def levels_for(student_ids: Iterable[int], standard_ids: Iterable[int]) -> dict[Key, Level]:
    """Just the headline of each stored cell, in one query."""
    rows = MasteryState.objects.filter(
        student_id__in=set(student_ids), standard_id__in=set(standard_ids)
    ).values_list("student_id", "standard_id", "combined_level")
    return {(student, standard): Level(level) for student, standard, level in rows}


def why_lines(standing: Standing) -> list[str]:
    """What stands behind the level, for the student and family: each kind of evidence
    with what it says, and the override with who set it and why."""
    lines = [
        f"{KIND_WORDS.get(kind, kind.capitalize())} says {level.label}"
        for kind, level in standing.by_kind
    ]
    override = standing.override
    if override is not None:
        when = f"{override.decided_at:%d %b %Y}"
        decided = f"{override.decided_by} set {Level(override.level).label} on {when}"
        if standing.override_superseded:
            lines.append(
                f"{decided} (“{override.reason}”); newer evidence has replaced that decision"
            )
        else:
            lines.append(f"{decided}: “{override.reason}”")
    return lines
