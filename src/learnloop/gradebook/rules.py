"""How the gradebook turns evidence into one level per student and standard.

A pure function over plain data (docs/gradebook.md). The scale is the engine's 0-4
Level: 0 not started (no evidence), 1 practicing, 2 familiar, 3 proficient, 4 mastered.

The rule: the most recent strong evidence dominates and older evidence decays.
Each piece of evidence counts with its own weight (practice: grows with attempts, up to
1 at ten answers; an observation: 1; a conference note: 0.5; later a rubric score),
halved for every HALF_LIFE_DAYS it is older than the newest piece. The level is the
weighted mean, rounded half up. Age is measured from the newest evidence, not from
today, so a level never drifts while nothing new happens.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from learnloop.engine.levels import Level

HALF_LIFE_DAYS = 30.0
PRACTICE_FULL_WEIGHT_ATTEMPTS = 10


class EvidencePoint(Protocol):
    @property
    def level(self) -> int: ...

    @property
    def weight(self) -> float: ...

    @property
    def observed_at(self) -> datetime: ...


def practice_weight(attempts: int) -> float:
    """Practice evidence weighs more the more answers stand behind it."""
    return min(max(attempts, 0), PRACTICE_FULL_WEIGHT_ATTEMPTS) / PRACTICE_FULL_WEIGHT_ATTEMPTS


def decayed_weight(point: EvidencePoint, newest: datetime) -> float:
    age_days = max((newest - point.observed_at).total_seconds(), 0.0) / 86_400
    return point.weight * 0.5 ** (age_days / HALF_LIFE_DAYS)


def combined_level(evidence: Sequence[EvidencePoint]) -> Level:
    """One level from all the evidence; NOT_STARTED when there is none that counts."""
    counted = [p for p in evidence if p.level > Level.NOT_STARTED and p.weight > 0]
    if not counted:
        return Level.NOT_STARTED
    newest = max(p.observed_at for p in counted)
    weights = [decayed_weight(p, newest) for p in counted]
    mean = sum(w * p.level for w, p in zip(weights, counted, strict=True)) / sum(weights)
    rounded = math.floor(mean + 0.5 + 1e-9)
    return Level(min(max(rounded, Level.PRACTICING), Level.MASTERED))
