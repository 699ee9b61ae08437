"""Mastery levels a person reads, from the engine's probability and the evidence behind it.

A probability alone can look confident after two lucky answers, so every level past
"practicing" also needs a minimum number of attempts. Thresholds are documented in
docs/engine.md; change them there and here together.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Level(IntEnum):
    NOT_STARTED = 0
    PRACTICING = 1
    FAMILIAR = 2
    PROFICIENT = 3
    MASTERED = 4

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").capitalize()

    @property
    def slug(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class LevelRule:
    level: Level
    min_probability: float
    min_attempts: int


# Checked from the top; the first rule a state satisfies gives its level.
LEVEL_RULES: tuple[LevelRule, ...] = (
    LevelRule(Level.MASTERED, 0.95, 5),
    LevelRule(Level.PROFICIENT, 0.80, 4),
    LevelRule(Level.FAMILIAR, 0.60, 2),
)
MASTERY_THRESHOLD = LEVEL_RULES[0].min_probability


def mastery_level(probability: float, attempts: int) -> Level:
    """The level for a mastery probability backed by `attempts` answers."""
    if attempts <= 0:
        return Level.NOT_STARTED
    for rule in LEVEL_RULES:
        if probability >= rule.min_probability and attempts >= rule.min_attempts:
            return rule.level
    return Level.PRACTICING


# Self-assessment: students rate "I can ..." from 1 to 4. The engine's levels map onto the
# same scale (not started and practicing -> 1, familiar -> 2, proficient -> 3, mastered ->
# 4); the student's note and the teacher's over-/under-confident alert both fire when the
# two differ by CALIBRATION_GAP steps or more.
CALIBRATION_GAP = 2


def self_assessment_step(level: Level) -> int:
    """The engine's level as a step of the 1-4 self-assessment scale."""
    return max(1, int(level))


def calibration_gap(rating: int, level: Level) -> int:
    """The student's rating minus the engine's step: positive means more confident."""
    return rating - self_assessment_step(level)
