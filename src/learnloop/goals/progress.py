"""How far a goal has come, from evidence. Pure functions; goals.selectors feeds them.

Standards goal: the mean over its standards of min(1, level / PROFICIENT), so a standard
counts fully once the engine says proficient (a missing mastery state is level 0).
Habit goal: seconds of practice answered in the last HABIT_WINDOW (seven days, rolling, so
progress never drops to nothing on a Monday morning) over the weekly target. Progress is
shown capped at 100%; the minutes are shown as they are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from learnloop.engine.levels import Level

HABIT_WINDOW = dt.timedelta(days=7)


@dataclass(frozen=True)
class Progress:
    fraction: float  # 0..1, for the progress bar
    text: str  # what the bar means, in words

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    @property
    def complete(self) -> bool:
        return self.fraction >= 1.0


def standards_progress(levels: Sequence[Level]) -> Progress:
    """Mean of min(1, level / proficient) and how many are proficient or better."""
    if not levels:
        return Progress(0.0, gettext("No standards chosen"))
    parts = [min(1.0, int(level) / int(Level.PROFICIENT)) for level in levels]
    proficient = sum(1 for level in levels if level >= Level.PROFICIENT)
    text = ngettext(
        "%(proficient)s of %(count)s standard proficient or better",
        "%(proficient)s of %(count)s standards proficient or better",
        len(levels),
    ) % {"proficient": proficient, "count": len(levels)}
    return Progress(sum(parts) / len(parts), text)


def habit_progress(seconds: int, weekly_minutes: int) -> Progress:
    """Practice time in the last seven days against the weekly target in minutes."""
    minutes = seconds // 60
    fraction = min(1.0, seconds / (weekly_minutes * 60)) if weekly_minutes > 0 else 0.0
    text = ngettext(
        "%(minutes)s of %(weekly)s minute in the last 7 days",
        "%(minutes)s of %(weekly)s minutes in the last 7 days",
        weekly_minutes,
    ) % {"minutes": minutes, "weekly": weekly_minutes}
    return Progress(fraction, text)


def week_start(now: dt.datetime) -> dt.datetime:
    """Monday 00:00 UTC of the week `now` falls in (now must be aware)."""
    if now.tzinfo is None:
        raise ValueError("week_start needs an aware datetime")
    utc = now.astimezone(dt.UTC)
    monday = utc.date() - dt.timedelta(days=utc.weekday())
    return dt.datetime.combine(monday, dt.time(0), tzinfo=dt.UTC)
