"""What the goals app lends to other pages, registered in GoalsConfig.ready().

- learning's choice board: the standards of active goals, never dropped
  (learning.commitments.GOAL_STANDARDS);
- learning's My learning page: the goals card and the "I need help" button; its standard
  page: the self-assessment card (learning.page_extras slots);
- teaching's alerts and student profile: open help requests, latest ratings, goals and
  reflections (teaching.signals);
- family's page and progress report: goal lines without reflections (family.goals);
- conferences' agenda: goals, open help requests and reflections
  (conferences.selectors.FACT_SOURCES), and goal statuses (conferences.reading.GOAL_STATUSES).

Each provider runs a fixed number of queries, whatever the number of students.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.core.readable import day_month_year
from learnloop.goals import queries, selectors
from learnloop.goals.models import Goal, GoalStatus, HelpRequest, Reflection, SelfAssessment
from learnloop.goals.scope import in_scope, topic_in_scope
from learnloop.learning.goal_lines import GoalLine
from learnloop.learning.page_extras import PageCard, Place, Topic
from learnloop.privacy.rules import Reader, Record, may_read, reader_of
from learnloop.privacy.scope import Scope, scope_of_reader
from learnloop.standards.models import Standard

RECENT_REFLECTIONS = 5


def _help_button(student: User, place: Place, **where: Any) -> PageCard:
    state = selectors.help_state_for_student(student)
    return PageCard("goals/cards/help_button.html", {"help_state": state, **where}, place)


def my_learning_cards(*, student: User, **_: Any) -> list[PageCard]:
    goals_card = selectors.goals_card_for_student(student)
    return [
        _help_button(student, "top"),
        PageCard("goals/cards/goals.html", {"goals_card": goals_card}, "side"),
    ]


def activity_cards(*, student: User, activity: Any, **_: Any) -> list[PageCard]:
    return [_help_button(student, "bottom", activity=activity)]


def practice_cards(
    *,
    student: User,
    activity: Any,
    topics: Sequence[Topic] | None = None,
    answer_path: bool = False,
    **_: Any,
) -> list[PageCard]:
    """The help button on practice, feedback and summary pages: the student may tick
    any of the topics (by default the activity's standards) in one request (issue 17).

    On the answer path (the feedback page) the page passes the item's standards, which
    the answer read already, and the button reads nothing: it shows the form even when
    a request is open (a second tap creates nothing and says when the first was sent),
    so the answer keeps its query budget and builds no ORM query. The question and
    summary pages read the topics and the open request in one plain statement
    (`queries.help_card`), as the answer path reads."""
    if answer_path:
        state = selectors.HelpState(None)
        context = {"help_state": state, "activity": activity, "topics": list(topics or [])}
        return [PageCard("goals/cards/help_button.html", context, "bottom")]
    card = queries.help_card(student.pk, activity.id)
    context = {
        "help_state": selectors.HelpState(card.open_help),
        "activity": activity,
        "topics": card.topics if topics is None else list(topics),
    }
    return [PageCard("goals/cards/help_button.html", context, "bottom")]


def standard_cards(*, student: User, standard: Standard, **_: Any) -> list[PageCard]:
    assessment = selectors.self_assessment_for(student, standard)
    return [
        PageCard("goals/cards/self_assessment.html", {"self_assessment": assessment}, "side"),
        _help_button(student, "bottom", standard=standard),
    ]


def teacher_home_cards(*, teacher: User, **_: Any) -> list[PageCard]:
    inbox = selectors.teacher_inbox_for(teacher)
    return [PageCard("goals/cards/teacher_inbox.html", {"goals_inbox": inbox})]


def profile_cards(*, student: User, viewer: User) -> list[Any]:
    """Open help and goals waiting for a co-sign, with the buttons to act on them."""
    from learnloop.teaching.profile_extras import ProfileCard

    reader = reader_of(viewer, student)
    can_act = reader == Reader.TEACHER
    reads_help = may_read(reader, Record.HELP_MESSAGE)
    scope = scope_of_reader(viewer, reader)
    help_state = selectors.help_state_for_student(student, scope) if reads_help else None
    context = {
        "can_act": can_act,
        "reads_help": reads_help,
        "open_help": help_state.open_request if help_state else None,
        "waiting": list(selectors.cosign_requests_for_student(student, scope)) if can_act else [],
    }
    return [ProfileCard("Help and co-signs", "goals/_profile_card.html", context, order=10)]


def goal_detail(view: selectors.GoalView) -> str:
    goal = view.goal
    by = gettext("by %(date)s") % {"date": day_month_year(goal.target_on)}
    parts = [str(status_text(goal)), by, view.progress.text]
    if goal.cosigned_by is not None:
        parts.append(gettext("co-signed by %(name)s") % {"name": goal.cosigned_by.name})
    return " · ".join(parts)


def family_goal_lines(student: User, scope: Scope) -> list[GoalLine]:
    """The student's active and achieved goals for their family (never reflections); a
    teacher reading the report sees those of their own classes (`scope`)."""
    views = selectors.goals_for_student(
        student, statuses=[GoalStatus.ACTIVE, GoalStatus.ACHIEVED], scope=scope
    )
    return [_goal_line(view, detail=goal_detail(view)) for view in views]


def status_text(goal: Goal) -> str:
    """The goal's status as every reader sees it: the student's own page says the same
    ("Waiting for a co-sign" beside an active goal)."""
    status = goal.get_status_display()
    if goal.cosign_pending:
        return gettext("%(status)s · waiting for a co-sign") % {"status": status}
    return str(status)


def _goal_line(view: selectors.GoalView, detail: str = "") -> GoalLine:
    goal = view.goal
    status = status_text(goal)
    return GoalLine(
        goal.student_id, goal.title, status, goal.target_on, view.progress.fraction, detail
    )


def _latest_ratings(student_ids: Sequence[int], scope: Scope) -> list[Any]:
    """Each student's newest rating per standard, in one query."""
    from learnloop.teaching.signals import SelfRating

    newest = (
        SelfAssessment.objects.filter(
            student_id=OuterRef("student_id"), standard_id=OuterRef("standard_id")
        )
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    rows = SelfAssessment.objects.filter(
        in_scope(SelfAssessment, scope), student_id__in=student_ids, pk=Subquery(newest)
    )
    return [SelfRating(r.student_id, r.standard_id, r.rating, r.created_at) for r in rows]


def student_signals(student_ids: Sequence[int], scope: Scope) -> Any:
    """Open help, latest ratings, active goals with progress, newest reflections: those
    in `scope` (goals.scope)."""
    from learnloop.teaching.signals import HelpSignal, ReflectionLine, StudentSignals

    def of_students(model: type[Any]) -> Any:
        return model.objects.filter(in_scope(model, scope), student_id__in=student_ids)

    open_help = of_students(HelpRequest).filter(resolved_at__isnull=True)
    open_help = open_help.annotate(topic=topic_in_scope(scope))
    goals = of_students(Goal).filter(status=GoalStatus.ACTIVE)
    goals = goals.prefetch_related("standards").order_by("target_on", "pk")
    reflections = of_students(Reflection).select_related("goal")
    return StudentSignals(
        help=[
            HelpSignal(h.student_id, h.message or "I need help", h.created_at, h.topic)
            for h in open_help
        ],
        ratings=_latest_ratings(student_ids, scope),
        goals=[_goal_line(view) for view in selectors.goal_views(list(goals))],
        reflections=[
            ReflectionLine(r.student_id, r.text, r.created_at, _about(r))
            for r in reflections[: RECENT_REFLECTIONS * max(1, len(student_ids))]
        ],
    )


def _about(reflection: Reflection) -> str:
    """What the reflection is on, to follow "on ": the goal "…", or the week of 23 Nov."""
    if reflection.goal is not None:
        return f"the goal “{reflection.goal.title}”"
    return f"the week of {reflection.week_of:%-d %b}" if reflection.week_of else ""


def agenda_facts(student: User, now: dt.datetime, scope: Scope) -> Any:
    """Goals, open help and recent reflections in the conference teacher's `scope`."""
    from learnloop.conferences.agenda import AgendaFacts, DatedText, GoalFact

    views = selectors.goals_for_student(student, statuses=[GoalStatus.ACTIVE], now=now, scope=scope)
    open_help = HelpRequest.objects.filter(
        in_scope(HelpRequest, scope), student=student, resolved_at__isnull=True
    )
    recent = Reflection.objects.filter(in_scope(Reflection, scope), student=student)
    recent = recent.select_related("goal")[:RECENT_REFLECTIONS]
    return AgendaFacts(
        goals=[
            GoalFact(v.goal.title, v.goal.target_on, v.progress.fraction, v.goal.pk) for v in views
        ],
        help_requests=[DatedText(h.message or "I need help", h.created_at, "") for h in open_help],
        reflections=[DatedText(r.text, r.created_at, "") for r in recent],
    )


def goal_statuses(goal_ids: Sequence[int]) -> dict[int, str]:
    """Each goal's status today, for the conference agenda's reader check (one query)."""
    return dict(Goal.objects.filter(pk__in=goal_ids).values_list("pk", "status"))


def register_everywhere() -> None:
    from learnloop.learning import commitments, page_extras

    commitments.GOAL_STANDARDS.register(selectors.goal_standard_ids_for_student)
    page_extras.MY_LEARNING.register(my_learning_cards)
    page_extras.STANDARD_DETAIL.register(standard_cards)
    page_extras.ACTIVITY_DETAIL.register(activity_cards)
    page_extras.PRACTICE.register(practice_cards)
    page_extras.TEACHER_HOME.register(teacher_home_cards)
    if apps.is_installed("learnloop.teaching"):
        from learnloop.teaching import profile_extras, signals

        signals.SIGNAL_SOURCES.register(student_signals)
        profile_extras.PROFILE_CARDS.register(profile_cards)
    if apps.is_installed("learnloop.family"):
        from learnloop.family import goals as family_goals

        family_goals.GOAL_LINES.register(family_goal_lines)
    if apps.is_installed("learnloop.conferences"):
        from learnloop.conferences import reading
        from learnloop.conferences import selectors as conference_selectors

        conference_selectors.FACT_SOURCES.register(agenda_facts)
        reading.GOAL_STATUSES.register(goal_statuses)
