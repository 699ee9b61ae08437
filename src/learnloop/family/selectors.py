"""What a family sees and what the progress report holds, gathered in one place.

Guardians and the school office get only what the student shared and what a teacher
approved for family (privacy.rules): shared artifacts, family-visible feedback,
approved family comments. Private teacher notes are never read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from learnloop.accounts.models import User
from learnloop.conferences.integrations import family_action_reasons
from learnloop.engine.levels import Level
from learnloop.engine.recommend import Option
from learnloop.engine.recommend.phrases import Reason
from learnloop.family.goals import GoalLine, goal_lines_for
from learnloop.family.voice import NextStep, next_steps_for
from learnloop.learning.reasons import reason_text
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
    codes = {row.standard.pk: row.standard.label for row in rows}
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
        steps=_steps_told(viewer, student, options, codes),
    )


def _steps_told(
    viewer: User, student: User, options: list[Option], codes: dict[int, str]
) -> list[NextStep]:
    """Each next step told to whoever reads, in their language (family.voice): the student
    reading their own report gets the board's words; anyone else reads about the child."""
    if viewer.pk == student.pk:
        return [NextStep(o.title, reason_text(o.reason)) for o in options]
    agreed = _told_to_the_family(student, options)
    told = next_steps_for(options, student, codes, own=False)
    name = student.first_name or student.name
    return [
        NextStep(step.title, _family_reason(option, step, agreed, name))
        for option, step in zip(options, told, strict=True)
    ]


def _family_reason(option: Option, step: NextStep, agreed: dict[str, str], name: str) -> str:
    """An agreed action as the conference tells it; an engine reason from its parts
    (learning.reasons: "Maya is close on ..."); anything else in family.voice's words."""
    if option.key in agreed:
        return agreed[option.key]
    if option.kind != "action" and isinstance(option.reason, Reason):
        return reason_text(option.reason, about=name)
    return step.reason


def _told_to_the_family(student: User, steps: list[Option]) -> dict[str, str]:
    """The board speaks to the student; a family page speaks about them, to the family:
    each open conference action's reason, "Maya and Ms Rivera agreed ..."."""
    if not any(step.key.startswith("conference-action-") for step in steps):
        return {}
    return family_action_reasons(student)


def shared_artifacts_for_child(student: User) -> list[Artifact]:
    return list(artifacts_for_student(student, family_only=True))
