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

GoalProvider = Callable[[User], list[GoalLine]]
GOAL_LINES: Slot[GoalProvider] = Slot("family.goal_lines")


def goal_lines_for(student: User) -> list[GoalLine]:
    return [line for provider in GOAL_LINES for line in provider(student)]
