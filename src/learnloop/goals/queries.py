"""Goals' literal statements, run by `core.sql`: the standards of the student's active
goals, read on every answer's board (ADR 0004: building the QuerySet cost more than
running it).
"""

from __future__ import annotations

from learnloop.core.sql import Statement, column, table
from learnloop.goals.models import Goal, GoalStatus

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
