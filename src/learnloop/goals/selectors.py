"""Reads for the goals pages and the cards other pages embed.

Each selector runs a fixed number of queries whatever the number of goals, standards,
reflections or answers. Progress is computed here from evidence (goals.progress), never
stored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Model, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.engine.levels import Level
from learnloop.goals import queries
from learnloop.goals.calibration import SCALE, calibration_note, engine_scale, scale_words
from learnloop.goals.models import (
    Goal,
    GoalKind,
    GoalStatus,
    HelpRequest,
    Reflection,
    SelfAssessment,
)
from learnloop.goals.progress import (
    HABIT_WINDOW,
    Progress,
    habit_progress,
    standards_progress,
)
from learnloop.goals.queries import OpenHelp
from learnloop.goals.scope import in_scope
from learnloop.learning.models import Response
from learnloop.learning.standing import levels_for
from learnloop.privacy.scope import EVERY_CLASS, Scope, scope_of_teacher
from learnloop.standards.codes import code_order
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_student

INBOX_LATEST = 3
RECENT = dt.timedelta(days=7)  # "reflections in the last 7 days" on the inbox
HISTORY_LIMIT = 10


@dataclass(frozen=True)
class StandardLevel:
    standard: Standard
    level: Level


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    progress: Progress
    standards: list[StandardLevel] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)

    @property
    def suggest_achieved(self) -> bool:
        return self.goal.is_active and self.progress.complete


def _levels(pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], Level]:
    """The one level of each (student id, standard id), as every page shows it, in one query."""
    pairs = set(pairs)
    if not pairs:
        return {}
    return levels_for({p[0] for p in pairs}, {p[1] for p in pairs})


def practice_seconds_in_window(student_ids: Iterable[int], now: dt.datetime) -> dict[int, int]:
    """Seconds on items answered in the last seven days, by student, in one query."""
    rows = (
        Response.objects.filter(student_id__in=set(student_ids), created_at__gte=now - HABIT_WINDOW)
        .values("student_id")
        .annotate(seconds=Sum("seconds"))
        .values_list("student_id", "seconds")
    )
    return {student: int(seconds or 0) for student, seconds in rows}


def _goals(student: User, statuses: Sequence[str] | None, scope: Scope) -> QuerySet[Goal]:
    goals = Goal.objects.filter(in_scope(Goal, scope), student=student)
    goals = goals.select_related("cosigned_by")
    if statuses is not None:
        goals = goals.filter(status__in=statuses)
    return goals.prefetch_related("standards").order_by("status", "target_on", "pk")


def goal_views(goals: Sequence[Goal], now: dt.datetime | None = None) -> list[GoalView]:
    """Goals (standards prefetched, any students) with progress, in at most two more queries."""
    now = now or timezone.now()
    levels = _levels((goal.student_id, s.pk) for goal in goals for s in goal.standards.all())
    habits = {goal.student_id for goal in goals if goal.kind == GoalKind.HABIT}
    seconds = practice_seconds_in_window(habits, now) if habits else {}
    views = []
    for goal in goals:
        picked = sorted(goal.standards.all(), key=code_order)
        rows = [
            StandardLevel(s, levels.get((goal.student_id, s.pk), Level.NOT_STARTED)) for s in picked
        ]
        if goal.kind == GoalKind.HABIT:
            progress = habit_progress(seconds.get(goal.student_id, 0), goal.weekly_minutes or 0)
        else:
            progress = standards_progress([row.level for row in rows])
        reflections = list(getattr(goal, "goal_reflections", []))
        views.append(GoalView(goal, progress, rows, reflections))
    return views


def goals_for_student(
    student: User,
    *,
    statuses: Sequence[str] | None = None,
    with_reflections: bool = False,
    now: dt.datetime | None = None,
    scope: Scope = EVERY_CLASS,
) -> list[GoalView]:
    goals = _goals(student, statuses, scope)
    if with_reflections:
        goals = goals.prefetch_related(
            Prefetch("reflections", queryset=Reflection.objects.all(), to_attr="goal_reflections")
        )
    return goal_views(list(goals), now)


@dataclass(frozen=True)
class GoalsCard:
    goals: list[GoalView]


def goal_standard_ids_for_student(student: User) -> set[int]:
    """The standards of the student's active goals (one statement): the choice board
    keeps them whatever else it offers."""
    return queries.goal_standard_ids_for_student(student.pk)


def goals_card_for_student(student: User, now: dt.datetime | None = None) -> GoalsCard:
    """The student's active goals with progress, for My learning."""
    return GoalsCard(goals_for_student(student, statuses=[GoalStatus.ACTIVE], now=now))


def week_reflections_for_student(student: User) -> QuerySet[Reflection]:
    return Reflection.objects.filter(student=student, goal__isnull=True)


def standard_choices_for_student(
    student: User, query: str = "", keep: Iterable[int] = ()
) -> list[Standard]:
    """The student's leaf standards matching `query` in code or words, plus those in `keep`."""
    words = query.strip().lower().split()
    kept = set(keep)
    found = []
    for standard in leaf_standards_for_student(student):
        text = f"{standard.code} {standard.abbreviated_statement} {standard.full_statement}"
        if standard.pk in kept or all(word in text.lower() for word in words):
            found.append(standard)
    return found


@dataclass(frozen=True)
class SelfAssessmentCard:
    standard: Standard
    current: SelfAssessment | None
    history: list[SelfAssessment]
    level: Level
    client_id: uuid.UUID

    @property
    def choices(self) -> tuple[tuple[int, str], ...]:
        return tuple((step, scale_words(step)) for step in SCALE)

    @property
    def engine_step(self) -> int:
        return engine_scale(self.level)

    @property
    def engine_words(self) -> str:
        return scale_words(self.engine_step)

    @property
    def current_words(self) -> str:
        return scale_words(self.current.rating) if self.current else ""

    @property
    def note(self) -> str | None:
        return calibration_note(self.current.rating, self.level) if self.current else None


def self_assessment_for(student: User, standard: Standard) -> SelfAssessmentCard:
    """The latest rating, its history and the engine's level, in two queries."""
    history = list(
        SelfAssessment.objects.filter(student=student, standard=standard)[:HISTORY_LIMIT]
    )
    key = (student.pk, standard.pk)
    level = _levels([key]).get(key, Level.NOT_STARTED)
    current = history[0] if history else None
    return SelfAssessmentCard(standard, current, history, level, uuid.uuid4())


@dataclass(frozen=True)
class HelpState:
    # the row (prefetched) or, on the practice pages, its plain read (`queries.OpenHelp`)
    open_request: HelpRequest | OpenHelp | None


def help_state_for_student(student: User, scope: Scope = EVERY_CLASS) -> HelpState:
    return HelpState(
        HelpRequest.objects.filter(in_scope(HelpRequest, scope), student=student)
        .filter(resolved_at__isnull=True)
        .select_related("student", "standard", "activity")
        .prefetch_related("standards")
        .first()
    )


def _taught_by(teacher: User, model: type[Model]) -> Q:
    """Rows of `model` about the teacher's students, within the teacher's classes
    (goals.scope: a record on another class's standards is that class's)."""
    taught = User.objects.filter(enrollments__classroom__teachers=teacher).values("pk")
    return Q(student__in=taught) & in_scope(model, scope_of_teacher(teacher))


def help_requests_for_teacher(teacher: User) -> QuerySet[HelpRequest]:
    """Open help requests of the teacher's students, oldest first (who has waited longest)."""
    return (
        HelpRequest.objects.filter(_taught_by(teacher, HelpRequest), resolved_at__isnull=True)
        .select_related("student", "standard", "activity")
        .prefetch_related("standards")
        .order_by("created_at", "pk")
    )


def _waiting_for_cosign(*conditions: Q) -> QuerySet[Goal]:
    return (
        Goal.objects.filter(
            *conditions,
            status=GoalStatus.ACTIVE,
            cosign_requested_at__isnull=False,
            cosigned_at__isnull=True,
        )
        .select_related("student")
        .prefetch_related("standards")
        .order_by("cosign_requested_at", "pk")
    )


def cosign_requests_for_teacher(teacher: User) -> QuerySet[Goal]:
    """Active goals of the teacher's students waiting for a co-sign, oldest request first."""
    return _waiting_for_cosign(_taught_by(teacher, Goal))


def cosign_requests_for_student(student: User, scope: Scope = EVERY_CLASS) -> QuerySet[Goal]:
    return _waiting_for_cosign(Q(student=student), in_scope(Goal, scope))


def reflections_for_teacher(teacher: User, limit: int = 30) -> QuerySet[Reflection]:
    """The newest reflections of the teacher's students."""
    return Reflection.objects.filter(_taught_by(teacher, Reflection)).select_related(
        "student", "goal"
    )[:limit]


@dataclass(frozen=True)
class TeacherInbox:
    help_count: int
    help_latest: list[HelpRequest]
    cosign_count: int
    cosign_latest: list[Goal]
    reflection_count: int  # in the last seven days
    reflections_latest: list[Reflection]

    @property
    def empty(self) -> bool:
        return not (self.help_count or self.cosign_count or self.reflections_latest)


def teacher_inbox_for(teacher: User, now: dt.datetime | None = None) -> TeacherInbox:
    """Counts and the latest few of what students sent, for the teacher's home page.

    Four queries: open help and waiting co-signs are short lists (each student has at most
    one open request), so they are read whole and counted here."""
    now = now or timezone.now()
    help_requests = list(help_requests_for_teacher(teacher))
    cosigns = list(cosign_requests_for_teacher(teacher).prefetch_related(None))
    reflections = Reflection.objects.filter(_taught_by(teacher, Reflection))
    return TeacherInbox(
        help_count=len(help_requests),
        help_latest=help_requests[::-1][:INBOX_LATEST],
        cosign_count=len(cosigns),
        cosign_latest=cosigns[:INBOX_LATEST],
        reflection_count=reflections.filter(created_at__gte=now - RECENT).count(),
        reflections_latest=list(reflections.select_related("student", "goal")[:INBOX_LATEST]),
    )
