"""Goal lines for the family page and the progress report, from whichever app keeps goals.

The goals app registers a provider in the GOAL_LINES slot in its AppConfig.ready(), so the
report shows goals without family importing it. A provider returns only what a family may
read: the student's own goals, never a teacher's private notes.
"""

from __future__ import annotations

from collections.abc import Callable

from learnloop.accounts.models import User
from learnloop.core.slots import Slot
from learnloop.learning.goal_lines import GoalLine
from learnloop.privacy.scope import EVERY_CLASS, Scope

# (student, scope): a teacher reading the report sees the goals of their own classes only,
# as on every other page (`privacy.scope`, `goals.scope.in_scope`).
GoalProvider = Callable[[User, Scope], list[GoalLine]]
GOAL_LINES: Slot[GoalProvider] = Slot("family.goal_lines")


def goal_lines_for(student: User, scope: Scope = EVERY_CLASS) -> list[GoalLine]:
    return [line for provider in GOAL_LINES for line in provider(student, scope)]
