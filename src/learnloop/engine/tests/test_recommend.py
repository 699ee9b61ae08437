"""The choice board: commitments first, reasons in plain words, variety, 3 to 6 options."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from learnloop.engine.levels import Level, mastery_level
from learnloop.engine.recommend import (
    ActivityView,
    BoardInput,
    Commitment,
    StandardView,
    choice_board,
)

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def standard(sid: int, mastery: float, attempts: int, prereqs: tuple[int, ...] = (), **kw):  # type: ignore[no-untyped-def]
    return StandardView(
        standard_id=sid,
        code=f"S{sid}",
        mastery=mastery,
        level=mastery_level(mastery, attempts),
        attempts=attempts,
        prerequisite_ids=prereqs,
        **kw,
    )


def activities_for(*sids: int) -> list[ActivityView]:
    out: list[ActivityView] = []
    for sid in sids:
        out.append(ActivityView(sid * 10, f"Practice S{sid}", "practice", "do", (sid,)))
        out.append(ActivityView(sid * 10 + 1, f"Lesson S{sid}", "lesson", "read", (sid,)))
        out.append(ActivityView(sid * 10 + 2, f"Project S{sid}", "project", "make", (sid,)))
    return out


def test_commitments_come_first_in_their_order() -> None:
    board = BoardInput(
        standards=[standard(1, 0.5, 3)],
        activities=activities_for(1),
        commitments=[
            Commitment("assignment:7", "Ratio tables", "Assigned by Ms. Rivera", activity_id=99),
            Commitment("action:3", "Redo the unit-rate quiz", "You and Ms. Rivera agreed"),
        ],
        now=NOW,
    )
    options = choice_board(board)
    assert [o.kind for o in options[:2]] == ["assignment", "action"]
    assert options[2].kind == "practice"


def test_close_standard_says_how_many_items() -> None:
    board = BoardInput(
        standards=[standard(1, 0.7, 4, items_to_mastery=3)], activities=activities_for(1)
    )
    option, *others = choice_board(board)
    assert option.reason == "You're close on S1: about 3 more items."
    assert option.activity_id == 10
    assert {o.activity_id for o in others} == {11, 12}  # at least three: the other two
    assert all(o.reason == "Another way into S1." for o in others)


def test_frontier_needs_mastered_prerequisites() -> None:
    views = [
        standard(1, 0.97, 8),
        standard(2, 0.0, 0, prereqs=(1,)),
        standard(3, 0.0, 0, prereqs=(4,)),
        standard(4, 0.3, 2),
    ]
    options = choice_board(BoardInput(standards=views, activities=activities_for(1, 2, 3, 4)))
    by_standard = {o.standard_id: o for o in options}
    assert by_standard[2].kind == "lesson"
    assert by_standard[2].reason == "Ready to learn S2: you're solid on S1."
    assert 3 not in by_standard  # its prerequisite S4 is not mastered yet


def test_due_review_is_offered_for_proficient_standards() -> None:
    view = standard(1, 0.97, 9, review_due=NOW - timedelta(days=1))
    option = choice_board(BoardInput(standards=[view], activities=activities_for(1), now=NOW))[0]
    assert option.kind == "review" and "review S1" in option.reason


def test_interests_break_ties() -> None:
    acts = [
        ActivityView(1, "Plain practice", "practice", "do", (1,)),
        ActivityView(2, "Soccer stats practice", "practice", "do", (1,), interests=("sports",)),
    ]
    board = BoardInput(
        standards=[standard(1, 0.5, 3)], activities=acts, interests=frozenset({"sports"})
    )
    assert choice_board(board)[0].activity_id == 2


def test_variety_of_modality() -> None:
    views = [standard(sid, 0.5, 3) for sid in range(1, 7)]
    acts = [ActivityView(sid, f"P{sid}", "practice", "do", (sid,)) for sid in range(1, 5)]
    acts += [ActivityView(50 + sid, f"Q{sid}", "quiz", "discuss", (sid,)) for sid in range(5, 7)]
    options = choice_board(
        BoardInput(standards=views, activities=acts, recent_modalities=["do", "do", "do"])
    )
    assert "discuss" in {o.modality for o in options[:2]}


standards_strategy = st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 20)), min_size=1, max_size=12
)


@given(standards_strategy, st.integers(0, 3))
def test_board_is_at_most_six_and_never_repeats(
    rows: list[tuple[float, int]], n_commit: int
) -> None:
    views = [standard(i + 1, p, n) for i, (p, n) in enumerate(rows)]
    commitments = [Commitment(f"assignment:{i}", f"A{i}", "Assigned") for i in range(n_commit)]
    options = choice_board(
        BoardInput(
            standards=views,
            activities=activities_for(*range(1, len(rows) + 1)),
            commitments=commitments,
            now=NOW,
        )
    )
    assert len(options) <= 6
    assert len({o.key for o in options}) == len(options)
    ids = [o.activity_id for o in options if o.activity_id is not None]
    assert len(ids) == len(set(ids))
    assert all(o.reason for o in options)


def test_levels_need_evidence() -> None:
    assert mastery_level(0.99, 0) is Level.NOT_STARTED
    assert mastery_level(0.99, 2) is Level.FAMILIAR
    assert mastery_level(0.99, 4) is Level.PROFICIENT
    assert mastery_level(0.99, 5) is Level.MASTERED
    assert mastery_level(0.5, 10) is Level.PRACTICING
    assert Level.MASTERED.label == "Mastered" and Level.NOT_STARTED.slug == "not-started"


@given(st.floats(0, 1), st.floats(0, 1), st.integers(0, 50))
def test_levels_are_monotone_in_probability(p1: float, p2: float, attempts: int) -> None:
    low, high = sorted((p1, p2))
    assert mastery_level(low, attempts) <= mastery_level(high, attempts)


def test_a_new_student_always_gets_something_to_start() -> None:
    views = [standard(1, 0.0, 0), standard(2, 0.0, 0, prereqs=(1,))]
    acts = [ActivityView(20, "Practice S2", "practice", "do", (2,))]
    (option,) = choice_board(BoardInput(standards=views, activities=acts))
    assert option.kind == "stretch"
    assert option.reason == "A stretch: S2 builds on S1, which you're still learning."


def test_no_kind_crowds_the_board() -> None:
    views = [standard(sid, 0.97, 9, review_due=NOW - timedelta(days=1)) for sid in range(1, 6)]
    views.append(standard(9, 0.5, 3))
    options = choice_board(
        BoardInput(standards=views, activities=activities_for(1, 2, 3, 4, 5, 9), now=NOW)
    )
    kinds = [o.kind for o in options]
    assert kinds.count("review") == 2 and "practice" in kinds


def test_a_wanted_lesson_falls_back_to_practice_honestly() -> None:
    views = [standard(1, 0.97, 8), standard(2, 0.2, 3, prereqs=(1,))]
    acts = [ActivityView(20, "Practice S2", "practice", "do", (2,))]
    (option,) = choice_board(BoardInput(standards=views, activities=acts))
    assert option.kind == "practice"
    assert option.reason == "Have another go at S2: the hints are there to help."
