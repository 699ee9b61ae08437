"""Reading the one level of a (student, standard), and saying why in words.

The level is stored on the mastery state (`combined_level`, engine.standing): every page
that shows a level reads it through here, so no two pages can disagree. The parts
(what practice says, what a scored project says, the override and its reason) come from
the same row, so a page can show the parts beside the headline.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.utils.translation import gettext, gettext_lazy

from learnloop.core.readable import day_month_year
from learnloop.engine.levels import Level
from learnloop.engine.standing import Standing
from learnloop.learning.engine_state import cell_standing
from learnloop.learning.level_names import level_name
from learnloop.learning.models import MasteryState

Key = tuple[int, int]  # (student id, standard id)

NOT_STARTED = Standing(Level.NOT_STARTED, Level.NOT_STARTED, Level.NOT_STARTED, (), None, False)
STANDING_FIELDS = ("student", "standard", "level", "attempts", "last_practiced_at",
                   "combined_level", "evidence_summary")  # fmt: skip
KIND_WORDS = {
    "practice": gettext_lazy("Practice"),
    "observation": gettext_lazy("A teacher's observation"),
    "rubric": gettext_lazy("Work scored on a rubric"),
    "conference": gettext_lazy("A conference note"),
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
        gettext("%(evidence)s says %(level)s")
        % {"evidence": KIND_WORDS.get(kind, kind.capitalize()), "level": level_name(level)}
        for kind, level in standing.by_kind
    ]
    override = standing.override
    if override is not None:
        values = {
            "name": override.decided_by,
            "level": level_name(Level(override.level)),
            "date": day_month_year(override.decided_at),
            "reason": override.reason,
        }
        if standing.override_superseded:
            text = gettext(
                "%(name)s set %(level)s on %(date)s (“%(reason)s”); newer evidence has "
                "replaced that decision"
            )
        else:
            text = gettext("%(name)s set %(level)s on %(date)s: “%(reason)s”")
        lines.append(text % values)
    return lines
