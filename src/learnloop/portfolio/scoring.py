"""From rubric points to a mastery level, so a scored project counts as evidence.

A rubric's levels are ordered by points; the share of the available points decides the
level, with the same four steps the engine uses (docs/portfolio.md). Pure functions.
"""

from __future__ import annotations

from learnloop.engine.levels import Level

# Share of the rubric's maximum points needed for each level, checked from the top.
LEVEL_SHARES: tuple[tuple[Level, float], ...] = (
    (Level.MASTERED, 0.90),
    (Level.PROFICIENT, 0.70),
    (Level.FAMILIAR, 0.45),
)


def level_for_points(points: int, max_points: int) -> Level:
    """The level a rubric score shows; never NOT_STARTED, since the work exists."""
    if max_points <= 0:
        return Level.PRACTICING
    share = points / max_points
    for level, minimum in LEVEL_SHARES:
        if share >= minimum:
            return level
    return Level.PRACTICING
