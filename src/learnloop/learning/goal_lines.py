"""A goal as other pages show it: one record for the teacher's profile and the family page.

The goals app lends these lines (teaching.signals, family.goals); both hosts already stand
on learning, so the one class lives here and neither host imports the goals app.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class GoalLine:
    student_id: int
    title: str
    status: str  # "Active", "Achieved", ... as a person reads it
    target_on: dt.date | None = None
    progress: float | None = None  # 0..1
    detail: str = ""  # one line: status, target date, progress, co-sign
