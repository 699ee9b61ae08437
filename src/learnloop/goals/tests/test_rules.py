"""Progress and calibration: pure rules, checked with examples and with hypothesis."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnloop.engine.levels import Level
from learnloop.goals.calibration import CALIBRATION_GAP, SCALE, calibration_note, engine_scale
from learnloop.goals.progress import habit_progress, standards_progress, week_start

levels = st.sampled_from(list(Level))


def test_standards_progress_counts_proficient_as_done() -> None:
    progress = standards_progress([Level.PROFICIENT, Level.MASTERED, Level.NOT_STARTED])
    assert progress.percent == 67
    assert progress.text == "2 of 3 standards proficient or better"
    one = standards_progress([Level.FAMILIAR])
    assert one.percent == 67 and one.text == "0 of 1 standard proficient or better"
    assert not one.complete
    assert standards_progress([]).text == "No standards chosen"


@given(st.lists(levels, min_size=1, max_size=20))
def test_standards_progress_stays_between_zero_and_one(chosen: list[Level]) -> None:
    progress = standards_progress(chosen)
    assert 0.0 <= progress.fraction <= 1.0
    assert progress.complete == all(level >= Level.PROFICIENT for level in chosen)


@given(st.lists(levels, min_size=1, max_size=10), st.integers(0, 9), levels)
def test_a_higher_level_never_lowers_progress(chosen: list[Level], index: int, up: Level) -> None:
    index %= len(chosen)
    raised = list(chosen)
    raised[index] = max(chosen[index], up)
    assert standards_progress(raised).fraction >= standards_progress(chosen).fraction


def test_habit_progress_in_minutes() -> None:
    progress = habit_progress(seconds=25 * 60 + 59, weekly_minutes=60)
    assert progress.text == "25 of 60 minutes in the last 7 days"
    assert progress.percent == 43
    assert habit_progress(seconds=7200, weekly_minutes=60).fraction == 1.0
    assert habit_progress(seconds=600, weekly_minutes=0).fraction == 0.0


@given(st.integers(0, 10**6), st.integers(1, 1200))
def test_habit_progress_is_capped(seconds: int, minutes: int) -> None:
    progress = habit_progress(seconds, minutes)
    assert 0.0 <= progress.fraction <= 1.0
    assert progress.complete == (seconds >= minutes * 60)


def test_week_starts_monday_midnight_utc() -> None:
    sunday_night_in_new_york = dt.datetime(
        2026, 11, 29, 22, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))
    )
    assert week_start(sunday_night_in_new_york) == dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="aware"):
        week_start(dt.datetime(2026, 11, 29))


@given(st.datetimes(timezones=st.just(dt.UTC)))
def test_week_start_is_a_monday_within_seven_days(now: dt.datetime) -> None:
    start = week_start(now)
    assert start.weekday() == 0 and start.time() == dt.time(0)
    assert dt.timedelta(0) <= now - start < dt.timedelta(days=7)


@pytest.mark.parametrize(
    ("rating", "level", "says"),
    [
        (4, Level.NOT_STARTED, "haven't practiced this yet"),
        (4, Level.PRACTICING, "your work so far says practicing"),
        (3, Level.PRACTICING, "your work so far says practicing"),
        (1, Level.PROFICIENT, "more than you gave yourself credit for"),
        (2, Level.MASTERED, "Your work so far says mastered — more than"),
    ],
)
def test_a_note_when_two_steps_apart(rating: int, level: Level, says: str) -> None:
    note = calibration_note(rating, level)
    assert note is not None and says in note


@given(st.sampled_from(sorted(SCALE)), levels)
def test_a_note_exactly_when_the_gap_is_two_or_more(rating: int, level: Level) -> None:
    gap = rating - engine_scale(level)
    assert (calibration_note(rating, level) is None) == (abs(gap) < CALIBRATION_GAP)


def test_engine_levels_on_the_four_step_scale() -> None:
    assert [engine_scale(level) for level in Level] == [1, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="1-4"):
        calibration_note(5, Level.FAMILIAR)
