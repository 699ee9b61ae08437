"""What one guardian's digest says about each of their children (reads only).

Only what a family may read (privacy.rules, docs/privacy.md): practice counts and the
standards practised, levels, the student's goals, work the student shared with family,
and the next scheduled conference's time and teacher. Never answers, private notes,
reflections on unshared work or other students.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from learnloop.accounts.models import GuardianLink, User
from learnloop.core.slots import Slot
from learnloop.engine.levels import Level
from learnloop.family.goals import GoalLine, goal_lines_for
from learnloop.family.models import DigestFrequency, DigestPreference
from learnloop.learning.models import Response
from learnloop.learning.selectors import MasteryRow, mastery_rows_for_student
from learnloop.portfolio.models import Artifact
from learnloop.standards.models import Standard

MOST_STANDARDS = 6  # practised standards listed by name; the rest are counted


@dataclass(frozen=True)
class NextConference:
    when: datetime
    teacher_name: str
    place: str = ""


# (student, now) -> the next scheduled conference; registered by the conferences app.
NextConferenceProvider = Callable[[User, datetime], NextConference | None]
NEXT_CONFERENCE: Slot[NextConferenceProvider] = Slot("family.next_conference")


@dataclass(frozen=True)
class LevelMove:
    standard: Standard
    before: Level
    after: Level

    @property
    def up(self) -> bool:
        return self.after > self.before


@dataclass(frozen=True)
class ChildDigest:
    student: User
    answers: int
    practised: list[Standard]
    moves: list[LevelMove]
    goals: list[GoalLine]
    shared: list[Artifact]
    conference: NextConference | None
    levels: dict[str, int] = field(default_factory=dict)  # standard id -> level, as sent

    @property
    def first_name(self) -> str:
        return self.student.first_name or self.student.name

    @property
    def more_practised(self) -> int:
        return max(0, len(self.practised) - MOST_STANDARDS)

    @property
    def is_quiet(self) -> bool:
        return not (self.answers or self.moves or self.shared or self.conference)


def preference_for(guardian: User) -> DigestPreference:
    """The guardian's saved choices, or the defaults (not saved)."""
    found = DigestPreference.objects.filter(guardian=guardian).first()
    return found or DigestPreference(guardian=guardian, frequency=DigestFrequency.WEEKLY)


def children_of(guardian: User) -> list[User]:
    links = GuardianLink.objects.filter(guardian=guardian).select_related("student__school")
    return sorted((link.student for link in links), key=lambda student: student.name)


def _next_conference(student: User, now: datetime) -> NextConference | None:
    found = [c for provider in NEXT_CONFERENCE if (c := provider(student, now)) is not None]
    return min(found, key=lambda conference: conference.when, default=None)


def _moves(rows: list[MasteryRow], before: dict[str, int]) -> list[LevelMove]:
    return [
        LevelMove(row.standard, Level(before[str(row.standard.pk)]), row.level)
        for row in rows
        if str(row.standard.pk) in before and before[str(row.standard.pk)] != row.level
    ]


def child_digest(
    student: User, *, since: datetime, now: datetime, levels_before: dict[str, int] | None
) -> ChildDigest:
    """One child's week: `levels_before` is what the last digest sent (None: the first)."""
    rows = mastery_rows_for_student(student)
    practised = [
        row.standard
        for row in sorted(rows, key=lambda r: r.last_practiced_at or now, reverse=True)
        if row.last_practiced_at is not None and since <= row.last_practiced_at <= now
    ]
    answers = Response.objects.filter(
        student=student, created_at__gte=since, created_at__lte=now
    ).count()
    shared = list(
        Artifact.objects.filter(
            student=student, shared_with_family=True, created_at__gte=since, created_at__lte=now
        ).order_by("-created_at")[:5]
    )
    return ChildDigest(
        student=student,
        answers=answers,
        practised=practised,
        moves=_moves(rows, levels_before or {}),
        goals=goal_lines_for(student),
        shared=shared,
        conference=_next_conference(student, now),
        levels={str(row.standard.pk): int(row.level) for row in rows},
    )
