"""The class x standard heatmap: one row per student, one cell per leaf standard.

A fixed number of queries whatever the class size: standards, students, mastery states.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext_lazy

from learnloop.accounts.models import User
from learnloop.core.bidi import ltr_text
from learnloop.engine.levels import Level
from learnloop.learning.level_names import level_name
from learnloop.schools.models import Classroom
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.queries import class_states

# The cells' short forms, in the reader's language (Spanish: Pr, F, C, D): each is the
# start of its level's name, so a translator gives the start of the translated name.
ABBREVIATIONS: dict[Level, str | Promise] = {
    Level.NOT_STARTED: "–",
    Level.PRACTICING: pgettext_lazy("heatmap: short for Practicing", "Pr"),
    Level.FAMILIAR: pgettext_lazy("heatmap: short for Familiar", "F"),
    Level.PROFICIENT: pgettext_lazy("heatmap: short for Proficient", "P"),
    Level.MASTERED: pgettext_lazy("heatmap: short for Mastered", "M"),
}


def short_forms() -> dict[Level, str]:
    """The short forms in the current language, looked up once per heatmap, not per cell."""
    return {level: str(text) for level, text in ABBREVIATIONS.items()}


LEVEL_SLUGS = {level: level.slug for level in Level}


class Cell(NamedTuple):  # 3,500 of them per dashboard: a tuple is quicker to build
    standard: Standard
    level: Level
    mastery: float
    attempts: int
    successes: int
    label: str

    @property
    def abbreviation(self) -> str:
        return str(ABBREVIATIONS[self.level])


@dataclass(frozen=True)
class HeatmapRow:
    student: User
    cells: list[Cell]

    @property
    def cells_html(self) -> SafeString:
        """The row's cells as markup, built here rather than in the template.

        A class of 35 on 100 standards is 3,500 cells; the template language spends about
        a dozen variable lookups on each, most of the page's time. Same markup, escaped.
        """
        shorts = short_forms()
        return mark_safe("".join(_cell_html(cell, shorts) for cell in self.cells))


def _cell_html(cell: Cell, shorts: dict[Level, str]) -> str:
    label = html.escape(cell.label)  # what django.utils.html.escape does, minus its lazy check
    return (
        f'<td class="heatmap__cell level--{LEVEL_SLUGS[cell.level]}" title="{label}">'
        f'<span aria-hidden="true">{html.escape(shorts[cell.level])}</span>'
        f'<span class="visually-hidden">{label}</span></td>'
    )


@dataclass(frozen=True)
class Unit:
    """A cluster (the parent of leaf standards) that the teacher can filter on."""

    pk: int
    code: str
    title: str


@dataclass(frozen=True)
class Heatmap:
    standards: list[Standard]
    rows: list[HeatmapRow]
    units: list[Unit]
    sort: str


@dataclass(frozen=True)
class StandardSummary:
    """How the class stands on one standard: students at each level, most advanced first."""

    standard: Standard
    parts: list[tuple[Level, int]]

    @property
    def text(self) -> str:
        return ", ".join(f"{n} {level_name(level).lower()}" for level, n in self.parts if n)

    @property
    def parts_html(self) -> SafeString:
        """The level bar's parts as markup (100 standards x 5 levels is a lot of template)."""
        return mark_safe(
            "".join(
                f'<span class="level-bar__part level--{level.slug}" style="flex-grow: {n}" '
                f'title="{n} {escape(level_name(level).lower())}">{n}</span>'
                for level, n in self.parts
                if n
            )
        )


def units_of(standards: list[Standard]) -> list[Unit]:
    seen: dict[int, Unit] = {}
    for standard in standards:
        parent = standard.parent
        if parent is not None and parent.pk not in seen:
            title = parent.abbreviated_statement or parent.full_statement
            code = parent.code if parent.has_readable_code else ""  # a skill name: the title
            seen[parent.pk] = Unit(parent.pk, code, title[:80])
    return list(seen.values())


def cell_label(student: User, standard: Standard, level: Level, attempts: int, right: int) -> str:
    """What a screen reader (and a hover) says: 'Maya Chen, 6.RP.A.2: Proficient, 7 of 9 right'."""
    return _label(student.name, standard.label, level, attempts, right, _CellWords.now())


class _CellWords(NamedTuple):
    """A cell label's words in the reader's language, looked up once per heatmap rather
    than once per cell (3,500 cells on a big class)."""

    levels: dict[Level, str]
    label: str  # name, code, level, evidence
    right: str  # right, attempts
    no_answers: str

    @classmethod
    def now(cls) -> _CellWords:
        return cls(
            {level: level_name(level) for level in Level},
            gettext("%(name)s, %(code)s: %(level)s, %(evidence)s"),
            gettext("%(right)d of %(attempts)d right"),
            gettext("no answers yet"),
        )


def _label(name: str, code: str, level: Level, attempts: int, right: int, words: _CellWords) -> str:
    evidence = (
        words.right % {"right": right, "attempts": attempts} if attempts else words.no_answers
    )
    return words.label % {
        "name": name,
        "code": ltr_text(code),
        "level": words.levels[level],
        "evidence": evidence,
    }


def heatmap_for_classroom(
    classroom: Classroom, unit_id: int | None = None, sort: str | None = "name"
) -> Heatmap:
    """Students x leaf standards (optionally one unit's), sorted by name or a standard."""
    all_standards = leaf_standards_for_classroom(classroom)
    units = units_of(all_standards)
    standards = [s for s in all_standards if unit_id is None or s.parent_id == unit_id]
    students = list(students_for_classroom(classroom))
    states = class_states([student.pk for student in students])
    words = _CellWords.now()
    rows = [_row(student, standards, states, words) for student in students]
    chosen = parse_sort(sort, standards)
    return Heatmap(standards, sort_rows(rows, standards, chosen), units, chosen)


def summary_of(heatmap: Heatmap) -> list[StandardSummary]:
    summaries = []
    for index, standard in enumerate(heatmap.standards):
        counts = {level: 0 for level in Level}
        for row in heatmap.rows:
            counts[row.cells[index].level] += 1
        summaries.append(StandardSummary(standard, [(lv, counts[lv]) for lv in reversed(Level)]))
    return summaries


LEVELS = {int(level): level for level in Level}


def _row(
    student: User,
    standards: list[Standard],
    states: dict[tuple[int, int], tuple[int, float, int, int]],
    words: _CellWords,
) -> HeatmapRow:
    """One student's cells; the name is looked up once per row, not once per cell."""
    name, student_id = student.name, student.pk
    cells = []
    for standard in standards:
        state = states.get((student_id, standard.pk))
        if state is None:
            level, attempts, successes, mastery = Level.NOT_STARTED, 0, 0, 0.0
        else:
            level_value, mastery, attempts, successes = state
            level = LEVELS[level_value]
        cells.append(
            Cell(
                standard=standard,
                level=level,
                mastery=mastery,
                attempts=attempts,
                successes=successes,
                label=_label(name, standard.label, level, attempts, successes, words),
            )
        )
    return HeatmapRow(student, cells)


def parse_sort(raw: str | None, standards: list[Standard]) -> str:
    """'name' or 'standard:<id>' for a standard on the page; anything else means name."""
    if raw and raw.startswith("standard:"):
        ids = {str(s.pk) for s in standards}
        if raw.removeprefix("standard:") in ids:
            return raw
    return "name"


def sort_rows(rows: list[HeatmapRow], standards: list[Standard], sort: str) -> list[HeatmapRow]:
    """By name (family name first), or weakest first on one standard, then by name."""
    by_name = sorted(rows, key=lambda r: (r.student.last_name, r.student.first_name, r.student.pk))
    if not sort.startswith("standard:"):
        return by_name
    index = next((i for i, s in enumerate(standards) if f"standard:{s.pk}" == sort), None)
    if index is None:
        return by_name
    return sorted(by_name, key=lambda r: (r.cells[index].level, r.cells[index].mastery))
