"""Goals' literal statements, run by `core.sql`: the standards of the student's active
goals, read on every answer's board (ADR 0004: building the QuerySet cost more than
running it), and the help button of the practice pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from learnloop.content.models import Activity
from learnloop.core.sql import Statement, column, table
from learnloop.goals.models import Goal, GoalStatus, HelpRequest
from learnloop.learning.page_extras import Topic
from learnloop.standards.models import Standard
from learnloop.standards.naming import standard_name

GOAL_STANDARDS = Goal.standards.through


def _active_goal_standards_sql() -> str:
    return (
        f"SELECT DISTINCT {column(GOAL_STANDARDS, 'standard')} FROM {table(GOAL_STANDARDS)} "
        f"INNER JOIN {table(Goal)} ON {column(Goal, 'id')} = {column(GOAL_STANDARDS, 'goal')} "
        f"WHERE {column(Goal, 'student')} = %s AND {column(Goal, 'status')} = %s"
    )


ACTIVE_GOAL_STANDARDS = Statement(_active_goal_standards_sql, [(GOAL_STANDARDS, "standard")])


def goal_standard_ids_for_student(student_id: int) -> set[int]:
    """The standards of the student's active goals (one statement)."""
    return {
        standard_id for (standard_id,) in ACTIVE_GOAL_STANDARDS.rows(student_id, GoalStatus.ACTIVE)
    }


# --- the help button of the practice pages (the question served, the summary) --------

HELP_STANDARDS = HelpRequest.standards.through
ACTIVITY_STANDARDS = Activity.standards.through


# PostgreSQL types a UNION's columns pair by pair: two untyped NULLs become text, which
# the third part's numbers then cannot join.
NO_NUMBER = "CAST(NULL AS INTEGER)"


def _help_card_sql() -> str:
    """The activity's standards (the topics to tick), the student's open help request
    (at most one: a constraint) with its standard's code and activity's title, and the
    request's ticked standards: three parts of one statement, each in the order the
    QuerySets give (topics by code; the request's standards in `Standard`'s order)."""
    std, request, activity = table(Standard), table(HelpRequest), table(Activity)
    return (
        f"SELECT 0, {column(Standard, 'id')}, {column(Standard, 'code')}, NULL, NULL, "
        f"{NO_NUMBER}, {NO_NUMBER}, {column(Standard, 'abbreviated_statement')} "
        f"FROM {table(ACTIVITY_STANDARDS)} INNER JOIN {std} "
        f"ON {column(Standard, 'id')} = {column(ACTIVITY_STANDARDS, 'standard')} "
        f"WHERE {column(ACTIVITY_STANDARDS, 'activity')} = %s "
        f"UNION ALL SELECT 1, {column(HelpRequest, 'id')}, {column(Standard, 'code')}, "
        f"{column(HelpRequest, 'created_at')}, {column(Activity, 'title')}, "
        f"{NO_NUMBER}, {NO_NUMBER}, {column(Standard, 'abbreviated_statement')} "
        f"FROM {request} LEFT OUTER JOIN {std} "
        f"ON {column(Standard, 'id')} = {column(HelpRequest, 'standard')} "
        f"LEFT OUTER JOIN {activity} "
        f"ON {column(Activity, 'id')} = {column(HelpRequest, 'activity')} "
        f"WHERE {column(HelpRequest, 'student')} = %s "
        f"AND {column(HelpRequest, 'resolved_at')} IS NULL "
        f"UNION ALL SELECT 2, {column(Standard, 'id')}, {column(Standard, 'code')}, NULL, NULL, "
        f"{column(Standard, 'framework')}, {column(Standard, 'sequence')}, "
        f"{column(Standard, 'abbreviated_statement')} "
        f"FROM {table(HELP_STANDARDS)} INNER JOIN {request} "
        f"ON {column(HelpRequest, 'id')} = {column(HELP_STANDARDS, 'helprequest')} "
        f"INNER JOIN {std} ON {column(Standard, 'id')} = {column(HELP_STANDARDS, 'standard')} "
        f"WHERE {column(HelpRequest, 'student')} = %s "
        f"AND {column(HelpRequest, 'resolved_at')} IS NULL "
        f"ORDER BY 1, 6, 7, 3"
    )


HELP_CARD = Statement(
    _help_card_sql,
    [
        (Standard, "sequence"),  # the part: a plain integer
        (Standard, "id"),
        (Standard, "code"),
        (HelpRequest, "created_at"),
        (Activity, "title"),
        (Standard, "framework"),
        (Standard, "sequence"),
        (Standard, "abbreviated_statement"),
    ],
)


@dataclass(frozen=True)
class OpenHelp:
    """The student's open help request, as the help button shows it."""

    id: int
    created_at: datetime
    standard_label: str  # the first topic ticked, named as people read it ("" when none)
    activity_title: str  # the activity it was asked on ("" when none)
    topic_labels: tuple[str, ...]  # every topic ticked, named


@dataclass(frozen=True)
class HelpCard:
    topics: list[Topic]  # the activity's standards, by code
    open_help: OpenHelp | None


def help_card(student_id: int, activity_id: int) -> HelpCard:
    """What the help button of a practice page shows (one statement)."""
    topics: list[Topic] = []
    opened: tuple[int, datetime, str, str] | None = None
    ticked: list[str] = []
    for part, pk, code, created_at, title, _framework, _sequence, short in HELP_CARD.rows(
        activity_id, student_id, student_id
    ):
        name = standard_name(code, short or "") if code else ""
        if part == 0:
            topics.append(Topic(pk, name))
        elif part == 1:
            opened = (pk, created_at, name, title or "")
        else:
            ticked.append(name)
    if opened is None:
        return HelpCard(topics, None)
    return HelpCard(topics, OpenHelp(*opened, topic_labels=tuple(ticked)))
