"""The one level of a cell: the evidence rule and the override, pure, with golden values
and properties."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from learnloop.engine.levels import Level
from learnloop.engine.standing import (
    HALF_LIFE_DAYS,
    EvidenceSummary,
    Override,
    Piece,
    combined_level,
    practice_piece,
    practice_weight,
    standing,
)

T0 = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Point:
    level: int
    weight: float
    observed_at: dt.datetime


def at(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


def test_no_evidence_is_not_started() -> None:
    assert combined_level([]) == Level.NOT_STARTED
    assert combined_level([Point(0, 1.0, T0), Point(3, 0.0, T0)]) == Level.NOT_STARTED


def test_one_piece_of_evidence_gives_its_level() -> None:
    assert combined_level([Point(3, 0.2, T0)]) == Level.PROFICIENT


def test_recent_strong_evidence_dominates_older_evidence() -> None:
    old_practice = Point(Level.FAMILIAR, 1.0, at(0))
    observation = Point(Level.MASTERED, 1.0, at(2 * HALF_LIFE_DAYS))
    # weights 0.25 and 1: (0.25 * 2 + 4) / 1.25 = 3.6 -> 4
    assert combined_level([old_practice, observation]) == Level.MASTERED
    # same day, equal weights: (2 + 4) / 2 = 3
    assert combined_level([Point(2, 1.0, at(0)), Point(4, 1.0, at(0))]) == Level.PROFICIENT


def test_weak_new_evidence_does_not_overturn_strong_evidence() -> None:
    practice = Point(Level.PROFICIENT, 1.0, at(0))
    remark = Point(Level.PRACTICING, 0.5, at(1))
    # (0.977 * 3 + 0.5 * 1) / 1.477 = 2.32 -> 2
    assert combined_level([practice, remark]) == Level.FAMILIAR
    assert combined_level([practice, Point(1, 0.1, at(1))]) == Level.PROFICIENT


def test_halves_round_up() -> None:
    assert combined_level([Point(2, 1.0, T0), Point(3, 1.0, T0)]) == Level.PROFICIENT


def test_practice_weight_grows_to_one_at_ten_answers() -> None:
    assert [practice_weight(n) for n in (0, 1, 5, 10, 40)] == [0.0, 0.1, 0.5, 1.0, 1.0]


points = st.lists(
    st.builds(
        Point,
        level=st.integers(1, 4),
        weight=st.floats(0.05, 2.0),
        observed_at=st.integers(0, 400).map(at),
    ),
    min_size=1,
    max_size=8,
)


@given(points)
def test_the_level_lies_between_the_lowest_and_highest_evidence(evidence: list[Point]) -> None:
    level = combined_level(evidence)
    assert min(p.level for p in evidence) <= level <= max(p.level for p in evidence)


@given(points, st.integers(0, 7))
def test_raising_one_piece_of_evidence_never_lowers_the_level(
    evidence: list[Point], index: int
) -> None:
    index %= len(evidence)
    raised = list(evidence)
    point = raised[index]
    raised[index] = Point(min(point.level + 1, 4), point.weight, point.observed_at)
    assert combined_level(raised) >= combined_level(evidence)


@given(points, st.integers(1, 1000))
def test_shifting_all_evidence_in_time_changes_nothing(evidence: list[Point], days: int) -> None:
    shifted = [Point(p.level, p.weight, p.observed_at + dt.timedelta(days=days)) for p in evidence]
    assert combined_level(shifted) == combined_level(evidence)


# The one level of a cell: evidence, then the override and when newer evidence supersedes it.


def override_at(days: float, level: int = Level.PROFICIENT) -> Override:
    return Override(level, at(days), "Showed it in class", "Ms. Rivera")


def test_practice_alone_gives_the_engines_level() -> None:
    practice = practice_piece(Level.FAMILIAR, 6, at(0))
    result = standing(practice, EvidenceSummary())
    assert (result.level, result.practice_level, result.overridden) == (2, 2, False)
    assert standing(practice_piece(0, 0, None), EvidenceSummary()).level == Level.NOT_STARTED


def test_a_rubric_score_and_practice_combine() -> None:
    practice = practice_piece(Level.FAMILIAR, 10, at(0))
    rubric = Piece("rubric", Level.MASTERED, 1.5, at(0))
    result = standing(practice, EvidenceSummary((rubric,)))
    # (1 * 2 + 1.5 * 4) / 2.5 = 3.2 -> 3
    assert result.level == Level.PROFICIENT
    assert result.by_kind == (("practice", Level.FAMILIAR), ("rubric", Level.MASTERED))


def test_an_override_decides_and_practice_does_not_supersede_it() -> None:
    summary = EvidenceSummary((), override_at(1, Level.PROFICIENT))
    later_practice = practice_piece(Level.PRACTICING, 10, at(5))
    result = standing(later_practice, summary)
    assert (result.level, result.evidence_level, result.overridden) == (3, 1, True)


def test_newer_teacher_evidence_supersedes_an_override() -> None:
    observation = Piece("observation", Level.FAMILIAR, 1.0, at(2))
    result = standing(None, EvidenceSummary((observation,), override_at(1, Level.MASTERED)))
    assert (result.level, result.override_superseded, result.overridden) == (2, True, False)
    older = Piece("observation", Level.FAMILIAR, 1.0, at(0))
    kept = standing(None, EvidenceSummary((older,), override_at(1, Level.MASTERED)))
    assert (kept.level, kept.overridden) == (Level.MASTERED, True)


def test_an_override_to_not_started_is_a_level_like_any_other() -> None:
    practice = practice_piece(Level.MASTERED, 10, at(0))
    result = standing(practice, EvidenceSummary((), override_at(1, Level.NOT_STARTED)))
    assert result.level == Level.NOT_STARTED


@given(points, st.integers(1, 4))
def test_the_summary_survives_its_stored_form(evidence: list[Point], level: int) -> None:
    summary = EvidenceSummary(
        tuple(Piece("observation", p.level, p.weight, p.observed_at) for p in evidence),
        override_at(3, level),
    )
    assert EvidenceSummary.from_dict(summary.to_dict()) == summary
    assert standing(None, EvidenceSummary.from_dict(summary.to_dict())) == standing(None, summary)
