"""Reads for the gradebook: a class's grid, one student's report, one cell's evidence.

Each selector runs a fixed number of queries whatever the class size: evidence comes
from every registered source in one batch, overrides in one query, and the level of each
cell is the stored one (learning.standing), which every other page reads too.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from learnloop.accounts.models import User
from learnloop.engine.levels import Level
from learnloop.engine.standing import Standing
from learnloop.gradebook.evidence import Evidence, evidence_for
from learnloop.gradebook.models import GradeOverride, Observation, OverrideAction
from learnloop.learning.standing import NOT_STARTED, standings_for, why_lines
from learnloop.schools.models import Classroom
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_classroom, leaf_standards_for_student

Key = tuple[int, int]  # (student id, standard id)


@dataclass(frozen=True)
class Grade:
    """The level shown for one student on one standard, and where it comes from.

    `level` is the stored one level of the cell (learning.standing), the same on every
    page; `computed` is what the evidence alone gives; `override` the active decision,
    `superseded` one that newer evidence has replaced."""

    level: Level
    computed: Level
    override: GradeOverride | None
    evidence_count: int
    standing: Standing = NOT_STARTED
    superseded: GradeOverride | None = None

    @property
    def overridden(self) -> bool:
        return self.override is not None

    @property
    def why(self) -> list[str]:
        return why_lines(self.standing)


@dataclass(frozen=True)
class GradebookRow:
    student: User
    grades: list[tuple[Standard, Grade]]


@dataclass(frozen=True)
class ClassGradebook:
    standards: list[Standard]
    rows: list[GradebookRow]


def current_overrides(
    student_ids: Sequence[int], standard_ids: Sequence[int]
) -> dict[Key, GradeOverride]:
    """The active override per cell: the newest row, unless that row removed it."""
    latest: dict[Key, GradeOverride] = {}
    rows = (
        GradeOverride.objects.filter(student_id__in=student_ids, standard_id__in=standard_ids)
        .select_related("created_by")
        .order_by("created_at", "pk")
    )
    for row in rows:
        latest[(row.student_id, row.standard_id)] = row
    return {key: row for key, row in latest.items() if row.action == OverrideAction.SET}


def grades_for(
    student_ids: Sequence[int], standard_ids: Sequence[int]
) -> tuple[dict[Key, Grade], dict[Key, list[Evidence]]]:
    """Every cell's grade (its stored level) and its evidence, newest first."""
    by_cell: dict[Key, list[Evidence]] = defaultdict(list)
    for item in evidence_for(student_ids, standard_ids):
        by_cell[(item.student_id, item.standard_id)].append(item)
    standings = standings_for(student_ids, standard_ids)
    overrides = current_overrides(student_ids, standard_ids)
    grades = {}
    for student_id in student_ids:
        for standard_id in standard_ids:
            key = (student_id, standard_id)
            standing = standings.get(key, NOT_STARTED)
            override = overrides.get(key)
            grades[key] = Grade(
                level=standing.level,
                computed=standing.evidence_level,
                override=override if standing.overridden else None,
                evidence_count=len(by_cell.get(key, [])),
                standing=standing,
                superseded=override if standing.override_superseded else None,
            )
    return grades, by_cell


def gradebook_for_classroom(classroom: Classroom) -> ClassGradebook:
    standards = leaf_standards_for_classroom(classroom)
    students = list(students_for_classroom(classroom))
    grades, _ = grades_for([s.pk for s in students], [s.pk for s in standards])
    rows = [
        GradebookRow(
            student, [(standard, grades[(student.pk, standard.pk)]) for standard in standards]
        )
        for student in students
    ]
    return ClassGradebook(standards=standards, rows=rows)


def report_for_student(student: User) -> list[tuple[Standard, Grade]]:
    """The student's level on each of their standards (their own page, or a guardian's)."""
    standards = leaf_standards_for_student(student)
    grades, _ = grades_for([student.pk], [s.pk for s in standards])
    return [(standard, grades[(student.pk, standard.pk)]) for standard in standards]


@dataclass(frozen=True)
class CellDetail:
    grade: Grade
    evidence: list[Evidence]
    history: list[GradeOverride]


def cell_for_student(student: User, standard: Standard) -> CellDetail:
    """One cell with all its evidence and the full override history, newest first."""
    grades, evidence = grades_for([student.pk], [standard.pk])
    history = list(
        GradeOverride.objects.filter(student=student, standard=standard).select_related(
            "created_by"
        )
    )
    key = (student.pk, standard.pk)
    return CellDetail(grade=grades[key], evidence=evidence.get(key, []), history=history)


def observations_for_student(student: User) -> QuerySet[Observation]:
    return Observation.objects.filter(student=student).select_related("standard", "observer")
