"""How a practice session runs: which item next, when it ends, what an answer is worth.

Pure rules, no storage: the web app (`learning.practice`) reads the session and the
student's states, asks these functions, and stores what they decide; the benchmark
(benchmarks/practice_policy.py) drives the same functions through the same service.

- Target: mastery of the activity's standards, or N items, as the activity says
  (`SessionTarget.from_settings`), never more than `max_items` in one sitting.
- Next item: no item comes back while an item not yet served in this session
  remains; among those, the one nearest the target success rate.
- Stop and route: after `misses_to_route` wrong first tries in a row the session
  stops piling on items and sends the student to the lesson or worked example and
  to their teacher.
- Credit: a second try earns half; hints, scaffolds and the worked solution lower it.
  The mastery model learns from first tries only, and counts an answer as right
  only when its credit is at least `RIGHT_FOR_ENGINE`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from learnloop.engine.recommend.phrases import gettext_noop

TARGET_SUCCESS = 0.70
DEFAULT_ITEMS = 10
MAX_ITEMS = 20
MISSES_TO_ROUTE = 3
MAX_TRIES = 2
SECOND_TRY_FACTOR = 0.5
HINT_COST = 0.15
HELPED_CEILING = 0.5  # a scaffold used: at most half credit
RIGHT_FOR_ENGINE = 0.5


class TargetKind(StrEnum):
    MASTERY = "mastery"
    ITEMS = "items"


class EndReason(StrEnum):
    MASTERED = "mastered"  # every standard of the activity reached the mastery level
    ITEMS_DONE = "items_done"  # the N items the activity asks for
    CAP = "cap"  # the most items one sitting allows
    ROUTED = "routed"  # repeated misses: lesson, worked example, teacher
    NO_ITEMS = "no_items"  # nothing (left) to serve
    STOPPED = "stopped"  # the student chose to stop

    @property
    def sentence(self) -> str:
        """In English; pages say it in the reader's language (`{% translate %}` of it)."""
        return {
            EndReason.MASTERED: gettext_noop("You reached mastery on this practice's standards."),
            EndReason.ITEMS_DONE: gettext_noop(
                "You answered every question this practice asks for."
            ),
            EndReason.CAP: gettext_noop("That's plenty for one sitting."),
            EndReason.ROUTED: gettext_noop(
                "Several misses in a row: more questions won't help right now."
            ),
            EndReason.NO_ITEMS: gettext_noop("There are no more questions in this practice."),
            EndReason.STOPPED: gettext_noop(
                "You stopped here; pick it up again whenever you like."
            ),
        }[self]


@dataclass(frozen=True)
class SessionTarget:
    kind: TargetKind = TargetKind.ITEMS
    items: int = DEFAULT_ITEMS
    max_items: int = MAX_ITEMS
    misses_to_route: int = MISSES_TO_ROUTE

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any] | None) -> SessionTarget:
        """Read an activity's `extra["practice"]`; anything missing or unreadable takes
        the default, so an activity without settings still has an end."""
        given = settings if isinstance(settings, Mapping) else {}
        kind = TargetKind.MASTERY if given.get("target") == "mastery" else TargetKind.ITEMS
        cap = _bounded(given.get("max_items"), MAX_ITEMS, 1, 100)
        return cls(
            kind=kind,
            items=min(_bounded(given.get("items"), DEFAULT_ITEMS, 1, 100), cap),
            max_items=cap,
            misses_to_route=_bounded(given.get("misses_to_route"), MISSES_TO_ROUTE, 1, 20),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.kind.value,
            "items": self.items,
            "max_items": self.max_items,
            "misses_to_route": self.misses_to_route,
        }

    @property
    def planned_items(self) -> int:
        """How many items the progress line counts toward."""
        return self.items if self.kind is TargetKind.ITEMS else self.max_items


def _bounded(value: Any, default: int, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return default
    return max(low, min(high, value))


@dataclass(frozen=True)
class SessionProgress:
    """Where a session stands: items finished (first tries), misses in a row, mastery."""

    items_done: int
    misses_in_a_row: int
    all_mastered: bool


def end_reason(target: SessionTarget, progress: SessionProgress) -> EndReason | None:
    """Why the session ends now, or None to go on. Routing comes first: a struggling
    student is sent to help even on the last planned item."""
    if progress.misses_in_a_row >= target.misses_to_route:
        return EndReason.ROUTED
    if target.kind is TargetKind.MASTERY and progress.all_mastered:
        return EndReason.MASTERED
    if target.kind is TargetKind.ITEMS and progress.items_done >= target.items:
        return EndReason.ITEMS_DONE
    if progress.items_done >= target.max_items:
        return EndReason.CAP
    return None


@dataclass(frozen=True)
class ItemChoice:
    """One item the session could serve next."""

    item_id: int
    predicted: float  # P(right) from the student's states and the item's difficulty
    served_in_session: int
    answered_ever: int


def choose_item(
    candidates: Sequence[ItemChoice], *, target_success: float = TARGET_SUCCESS
) -> int | None:
    """Unserved in this session first; then nearest the target success rate, least
    answered ever, oldest. Once every item was served, the least served comes back."""
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda c: (
            c.served_in_session,
            round(abs(c.predicted - target_success), 2),
            c.answered_ever,
            c.item_id,
        ),
    )
    return best.item_id


@dataclass(frozen=True)
class Help:
    """What the student saw before answering."""

    hints: int = 0
    scaffolds: int = 0
    solution: bool = False


def answer_credit(score: float, *, attempt: int, help_used: Help = Help()) -> float:
    """The answer's worth in [0, 1]: the grade, halved on a second try, lowered by each
    hint, at most half once a scaffold was used, nothing after the worked solution."""
    if help_used.solution:
        return 0.0
    credit = max(0.0, min(1.0, score))
    if attempt > 1:
        credit *= SECOND_TRY_FACTOR
    credit *= max(0.0, 1.0 - HINT_COST * help_used.hints)
    if help_used.scaffolds:
        credit = min(credit, HELPED_CEILING)
    return round(credit, 4)


def counts_for_engine(attempt: int) -> bool:
    """The mastery model learns from first tries; a second try is practice, not evidence."""
    return attempt <= 1


def right_for_engine(*, correct: bool, credit: float) -> bool:
    """Right for the mastery model: graded right and worth at least half. (An answer
    stored before credit existed has credit = score, 1.0 when right.)"""
    return correct and credit >= RIGHT_FOR_ENGINE


def may_try_again(*, correct: bool, attempt: int, solution_shown: bool) -> bool:
    return not correct and attempt < MAX_TRIES and not solution_shown


@dataclass(frozen=True)
class HelpStep:
    """The next help the page offers: a hint, a scaffold, the worked solution, or none."""

    kind: str  # "hint" | "scaffold" | "solution" | ""
    label: str


def next_help(
    *, hints_shown: int, hints: int, scaffolds_shown: int, scaffolds: int, solution: bool
) -> HelpStep:
    """Hints one at a time, then scaffolds (the step as sub-questions), then the solution."""
    if hints_shown < hints:
        return HelpStep("hint", "Another hint" if hints_shown else "I'd like a hint")
    if scaffolds_shown < scaffolds:
        return HelpStep("scaffold", "Break it into smaller steps")
    if solution:
        return HelpStep("solution", "Show me the worked solution")
    return HelpStep("", "")
