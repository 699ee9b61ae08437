"""Goal lines for the family page and the progress report, from whichever app keeps goals.

The goals app registers a provider in its AppConfig.ready() (the same pattern as the
gradebook's evidence sources), so the report shows goals without family importing it.
A provider returns only what a family may read: the student's own goals, never a
teacher's private notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from learnloop.accounts.models import User


@dataclass(frozen=True)
class GoalLine:
    title: str
    detail: str  # one line: status, target date, progress


GoalProvider = Callable[[User], list[GoalLine]]
GOAL_PROVIDERS: list[GoalProvider] = []


def register(provider: GoalProvider) -> None:
    if provider not in GOAL_PROVIDERS:
        GOAL_PROVIDERS.append(provider)


def goal_lines_for(student: User) -> list[GoalLine]:
    lines: list[GoalLine] = []
    for provider in GOAL_PROVIDERS:
        lines.extend(provider(student))
    return lines
