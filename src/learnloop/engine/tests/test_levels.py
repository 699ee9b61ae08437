"""Levels from probability and evidence, and the self-assessment scale they map onto."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from learnloop.engine.levels import (
    CALIBRATION_GAP,
    Level,
    calibration_gap,
    mastery_level,
    self_assessment_step,
)


def test_levels_need_both_probability_and_evidence() -> None:
    assert mastery_level(0.99, 0) == Level.NOT_STARTED
    assert mastery_level(0.99, 1) == Level.PRACTICING
    assert mastery_level(0.65, 2) == Level.FAMILIAR
    assert mastery_level(0.85, 4) == Level.PROFICIENT
    assert mastery_level(0.85, 3) == Level.FAMILIAR


def test_the_engine_levels_on_the_four_step_scale() -> None:
    assert [self_assessment_step(level) for level in Level] == [1, 1, 2, 3, 4]


@given(st.integers(1, 4), st.sampled_from(list(Level)))
def test_the_gap_is_signed_and_flags_two_steps_or_more(rating: int, level: Level) -> None:
    gap = calibration_gap(rating, level)
    assert gap == rating - self_assessment_step(level)
    assert -3 <= gap <= 3
    if level == Level.MASTERED:
        assert gap <= 0
    if level == Level.NOT_STARTED and rating >= 1 + CALIBRATION_GAP:
        assert gap >= CALIBRATION_GAP
