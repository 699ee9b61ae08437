"""What a family sees and what the progress report holds, gathered in one place.

Guardians and the school office get only what the student shared and what a teacher
approved for family (privacy.rules): shared artifacts, family-visible feedback,
approved family comments. Private teacher notes are never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from learnloop.accounts.models import User
from learnloop.engine.levels import Level
from learnloop.engine.recommend import Option
from learnloop.family.goals import GoalLine, goal_lines_for
from learnloop.family.voice import NextStep, next_steps_for
from learnloop.learning.selectors import (
    MasteryRow,
    board_for_student,
    level_counts,
    mastery_rows_for_student,
)
from learnloop.portfolio.models import Artifact, Feedback
from learnloop.portfolio.selectors import (
    artifacts_for_student,
    family_feedback_for_student,
    highlights_for_student,
)
from learnloop.privacy.rules import Record, may_read, reader_of
from learnloop.privacy.scope import scope_of_reader
from learnloop.schools.models import Classroom
from learnloop.schools.selectors import classrooms_for_student

NEXT_STEPS = 4
RECENT_FEEDBACK = 8


@dataclass(frozen=True)
class ProgressReport:
    student: User
    generated_at: datetime
    family_only: bool
    classrooms: list[Classroom]
    rows: list[MasteryRow]
    level_counts: list[tuple[Level, int]]
    goals: list[GoalLine]
    highlights: list[Artifact]
    feedback: list[Feedback]
    next_steps: list[Option]
    steps: list[NextStep]  # next_steps, told to whoever reads (family.voice)

    @property
    def started_rows(self) -> list[MasteryRow]:
        return [row for row in self.rows if row.level > Level.NOT_STARTED]


def progress_report_for(viewer: User, student: User, now: datetime) -> ProgressReport:
    """Mastery by standard, portfolio highlights, feedback and next steps for one student."""
    reader = reader_of(viewer, student)
    family_only = not may_read(reader, Record.UNSHARED_ARTIFACT)
    rows = mastery_rows_for_student(student)
    options = board_for_student(student, now, limit=NEXT_STEPS)
    codes = {row.standard.pk: row.standard.code for row in rows}
    return ProgressReport(
        student=student,
        generated_at=now,
        family_only=family_only,
        classrooms=list(classrooms_for_student(student)),
        rows=rows,
        level_counts=level_counts(rows),
        goals=goal_lines_for(student, scope_of_reader(viewer, reader)),
        highlights=highlights_for_student(student, family_only=family_only),
        feedback=list(family_feedback_for_student(student)[:RECENT_FEEDBACK]),
        next_steps=options,
        steps=next_steps_for(options, student, codes, own=viewer.pk == student.pk),
    )


def shared_artifacts_for_child(student: User) -> list[Artifact]:
    return list(artifacts_for_student(student, family_only=True))
