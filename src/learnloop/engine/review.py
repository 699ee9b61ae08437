"""Spaced review of mastered standards, on top of the fsrs library.

One review card per (student, standard). A correct answer is rated Good, a wrong one
Again; fsrs then says when the standard is next due. Short learning steps (minutes)
suit flashcards, not classrooms, so cards go straight to day-scale intervals, and
fuzzing is off so that the same history always gives the same schedule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

DESIRED_RETENTION = 0.9

_SCHEDULER = Scheduler(
    desired_retention=DESIRED_RETENTION,
    learning_steps=(),
    relearning_steps=(),
    enable_fuzzing=False,
)


@dataclass(frozen=True)
class ReviewResult:
    """The card after a review (a JSON-serialisable dict) and when it is next due."""

    card: dict[str, Any]
    due: datetime


def new_card(now: datetime, card_id: int = 0) -> dict[str, Any]:
    """A card for a standard never reviewed, due now."""
    _require_aware(now)
    return dict(Card(card_id=card_id, due=now).to_dict())


def schedule_review(
    card_state: dict[str, Any] | None, correct: bool, now: datetime
) -> ReviewResult:
    """Record one review answered at `now`; returns the new card and its due time."""
    result = replay_reviews([(correct, now)], card_state)
    assert result is not None  # one answer always gives a card
    return result


def replay_reviews(
    answers: Iterable[tuple[bool, datetime]], card_state: dict[str, Any] | None = None
) -> ReviewResult | None:
    """`schedule_review` over a run of (correct, when) answers, in order; None when empty.

    The same cards as calling `schedule_review` once per answer, without a dict round
    trip per step: for rebuilding or bulk-seeding many students' schedules.
    """
    card = Card.from_dict(card_state) if card_state else None  # type: ignore[arg-type]
    for correct, now in answers:
        _require_aware(now)
        card = card or Card(card_id=0, due=now)
        rating = Rating.Good if correct else Rating.Again
        card, _ = _SCHEDULER.review_card(card, rating, review_datetime=now)
    if card is None:
        return None
    return ReviewResult(card=dict(card.to_dict()), due=card.due)


def retrievability(card_state: dict[str, Any], now: datetime) -> float:
    """Probability that the student still recalls the standard at `now`."""
    _require_aware(now)
    card = Card.from_dict(card_state)  # type: ignore[arg-type]
    return float(_SCHEDULER.get_card_retrievability(card, current_datetime=now))


def _require_aware(now: datetime) -> None:
    if now.utcoffset() is None:
        raise ValueError("review times must be timezone-aware (UTC)")
