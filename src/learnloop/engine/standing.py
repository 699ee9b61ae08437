"""The one level of a (student, standard): evidence combined, then an audited override.

Pure functions over plain data (docs/gradebook.md, ADR 0005). The scale is the engine's
0-4 Level: 0 not started (no evidence), 1 practicing, 2 familiar, 3 proficient,
4 mastered. Every page that shows a level reads the result of `standing`, stored on the
student's mastery state (learning.MasteryState.combined_level).

Combining: the most recent strong evidence dominates and older evidence decays. Each
piece counts with its own weight (practice grows with attempts, up to 1 at ten answers;
an observation 1; a rubric score 1.5; a shared conference note 0.5), halved for every
HALF_LIFE_DAYS it is older than the newest piece. The level is the weighted mean,
rounded half up. Age is measured from the newest evidence, not from today, so a level
never drifts while nothing new happens.

Override: a teacher's override decides the level until the teacher removes it or until
newer teacher-judged evidence (an observation, a rubric score, a conference note dated
after the override) arrives; then the evidence decides again. Practice never supersedes
an override: overriding what practice says is what overrides are for.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from learnloop.engine.levels import Level

HALF_LIFE_DAYS = 30.0
PRACTICE_FULL_WEIGHT_ATTEMPTS = 10
PRACTICE = "practice"


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


@dataclass(frozen=True)
class Piece:
    """One piece of evidence as the stored summary keeps it."""

    kind: str  # practice | observation | rubric | conference | ...
    level: int
    weight: float
    observed_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "level": self.level,
            "weight": self.weight,
            "at": self.observed_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Piece:
        at = datetime.fromisoformat(data["at"])
        return cls(str(data["kind"]), int(data["level"]), float(data["weight"]), at)


@dataclass(frozen=True)
class Override:
    """The active override decision: its level, when, why and who."""

    level: int
    decided_at: datetime
    reason: str
    decided_by: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "at": self.decided_at.isoformat(),
            "reason": self.reason,
            "by": self.decided_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Override:
        at = datetime.fromisoformat(data["at"])
        return cls(int(data["level"]), at, str(data["reason"]), str(data["by"]))


@dataclass(frozen=True)
class EvidenceSummary:
    """What is known of a cell besides practice: the pieces, and the override if any.

    Stored beside the engine's state so that an answer recomputes the level in memory."""

    pieces: tuple[Piece, ...] = ()
    override: Override | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pieces": [p.to_dict() for p in self.pieces],
            "override": self.override.to_dict() if self.override else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> EvidenceSummary:
        if not data:
            return cls()
        override = data.get("override")
        return cls(
            tuple(Piece.from_dict(p) for p in data.get("pieces", ())),
            Override.from_dict(override) if override else None,
        )


@dataclass(frozen=True)
class Standing:
    """The level of a cell and its parts: what each kind of evidence says, the level the
    evidence alone gives, and the override (active, or superseded by newer evidence)."""

    level: Level
    evidence_level: Level
    practice_level: Level
    by_kind: tuple[tuple[str, Level], ...]
    override: Override | None
    override_superseded: bool

    @property
    def overridden(self) -> bool:
        return self.override is not None and not self.override_superseded


def practice_piece(level: int, attempts: int, practiced_at: datetime | None) -> Piece | None:
    """The engine's current belief as a piece of evidence, or None before any answer."""
    if attempts <= 0 or level <= Level.NOT_STARTED or practiced_at is None:
        return None
    return Piece(PRACTICE, level, practice_weight(attempts), practiced_at)


def _newest_by_kind(pieces: Sequence[Piece]) -> tuple[tuple[str, Level], ...]:
    newest: dict[str, Piece] = {}
    for piece in sorted(pieces, key=lambda p: p.observed_at):
        newest[piece.kind] = piece
    return tuple((kind, Level(p.level)) for kind, p in sorted(newest.items()))


def standing(practice: Piece | None, summary: EvidenceSummary) -> Standing:
    """The one level of a cell from its practice piece and the rest of its evidence."""
    pieces = [*summary.pieces, *([practice] if practice else [])]
    evidence_level = combined_level(pieces)
    override = summary.override
    superseded = override is not None and any(
        p.kind != PRACTICE and p.observed_at > override.decided_at for p in pieces
    )
    level = Level(override.level) if override and not superseded else evidence_level
    return Standing(
        level=level,
        evidence_level=evidence_level,
        practice_level=Level(practice.level) if practice else Level.NOT_STARTED,
        by_kind=_newest_by_kind(pieces),
        override=override,
        override_superseded=superseded,
    )
