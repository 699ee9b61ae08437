"""Spaced review on fsrs: deterministic schedules, aware datetimes only."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from learnloop.engine.review import new_card, replay_reviews, retrievability, schedule_review

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_correct_pushes_due_date_out_and_wrong_pulls_it_in() -> None:
    first = schedule_review(new_card(NOW), True, NOW)
    second = schedule_review(first.card, True, first.due)
    assert second.due - first.due > first.due - NOW >= timedelta(days=1)
    lapse = schedule_review(second.card, False, second.due)
    assert lapse.due - second.due < second.due - first.due


def test_schedule_is_deterministic_and_json_safe() -> None:
    a = schedule_review(None, True, NOW)
    b = schedule_review(json.loads(json.dumps(new_card(NOW))), True, NOW)
    assert a.due == b.due and a.card == b.card
    assert 0.0 < retrievability(a.card, a.due + timedelta(days=30)) < 0.9


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        schedule_review(None, True, datetime(2026, 1, 5))


def test_replay_reviews_equals_scheduling_one_answer_at_a_time() -> None:
    answers = [(True, NOW), (False, NOW + timedelta(days=3)), (True, NOW + timedelta(days=4))]
    card, due = None, None
    for correct, when in answers:
        step = schedule_review(card, correct, when)
        card, due = step.card, step.due
    replayed = replay_reviews(answers)
    assert replayed is not None
    assert (replayed.card, replayed.due) == (card, due)
    assert replay_reviews([]) is None
    tail = replay_reviews(answers[1:], schedule_review(None, *answers[0]).card)
    assert tail is not None and tail.card == card
