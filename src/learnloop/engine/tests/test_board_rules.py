"""The choice board's rules: goals and commitments are never dropped, failing practice
brings the lesson, and there are at least three options whenever three can be offered."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from learnloop.engine.levels import mastery_level
from learnloop.engine.recommend import (
    MIN_OPTIONS,
    ActivityView,
    BoardInput,
    Commitment,
    Option,
    StandardView,
    choice_board,
    practice_failing,
)

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def standard(sid: int, mastery: float, attempts: int, **kw):  # type: ignore[no-untyped-def]
    return StandardView(
        standard_id=sid,
        code=f"S{sid}",
        mastery=mastery,
        level=mastery_level(mastery, attempts),
        attempts=attempts,
        **kw,
    )


def practice(sid: int) -> ActivityView:
    return ActivityView(sid * 10, f"Practice S{sid}", "practice", "do", (sid,))


def lesson(sid: int) -> ActivityView:
    return ActivityView(sid * 10 + 1, f"Lesson S{sid}", "lesson", "read", (sid,))


def by_standard(options: list[Option]) -> dict[int | None, Option]:
    return {o.standard_id: o for o in options}


def test_failing_is_three_wrong_of_the_last_answers_and_more_than_half() -> None:
    assert practice_failing(standard(1, 0.3, 8, recent_answers=5, recent_wrong=3))
    assert practice_failing(standard(1, 0.3, 8, recent_answers=8, recent_wrong=5))
    assert not practice_failing(standard(1, 0.3, 8, recent_answers=6, recent_wrong=3))
    assert not practice_failing(standard(1, 0.3, 8, recent_answers=2, recent_wrong=2))


def test_failing_practice_brings_the_lesson_right_after_the_commitments() -> None:
    views = [
        standard(1, 0.6, 10, recent_answers=6, recent_wrong=4),
        standard(2, 0.8, 6, items_to_mastery=2),
    ]
    board = BoardInput(
        standards=views,
        activities=[practice(1), lesson(1), practice(2)],
        commitments=[Commitment("assignment-1", "Ratio tables", "Assigned by Ms. Rivera")],
    )
    options = choice_board(board)
    assert [o.kind for o in options[:2]] == ["assignment", "lesson"]
    assert options[1].activity_id == 11 and options[1].reason == (
        "Practice on S1 has been hard (4 of your last 6 answers were wrong): "
        "this lesson explains it step by step."
    )


def test_without_a_lesson_failing_practice_offers_practice_with_the_hints() -> None:
    view = standard(1, 0.5, 10, recent_answers=8, recent_wrong=6)
    option = choice_board(BoardInput(standards=[view], activities=[practice(1)]))[0]
    assert option.kind == "practice"
    assert option.reason == "Have another go at S1: take the hints one at a time."


def test_lessons_after_failing_are_not_held_back_by_the_cap_on_lessons() -> None:
    views = [standard(sid, 0.5, 8, recent_answers=8, recent_wrong=5) for sid in (1, 2, 3)]
    acts = [a for sid in (1, 2, 3) for a in (practice(sid), lesson(sid))]
    options = choice_board(BoardInput(standards=views, activities=acts))
    assert [o.kind for o in options].count("lesson") == 3


def test_a_struggling_goal_standard_stays_even_before_its_prerequisites() -> None:
    views = [
        standard(1, 0.3, 6),  # the prerequisite, still being learned
        standard(2, 0.1, 8, prerequisite_ids=(1,), goal=True),
    ]
    options = choice_board(BoardInput(standards=views, activities=[practice(1), practice(2)]))
    goal = by_standard(options)[2]
    assert goal.for_goal and goal.activity_id == 20
    assert goal.reason.endswith("It's one of your goals.")


def test_commitments_and_goals_are_never_cut_by_the_limit() -> None:
    commitments = [Commitment(f"action-{i}", f"Action {i}", "Agreed") for i in range(4)]
    views = [standard(sid, 0.5, 4, goal=sid in (1, 2)) for sid in range(1, 6)]
    board = BoardInput(
        standards=views,
        activities=[practice(sid) for sid in range(1, 6)],
        commitments=commitments,
    )
    options = choice_board(board, limit=4)
    assert [o.key for o in options[:4]] == [c.key for c in commitments]
    assert {1, 2} <= set(by_standard(options)) and len(options) == 6


def test_a_goal_on_a_mastered_standard_without_a_project_offers_what_there_is() -> None:
    view = standard(1, 0.99, 9, goal=True)
    (option,) = choice_board(BoardInput(standards=[view], activities=[practice(1)]))
    assert option.kind == "practice" and option.for_goal


views_strategy = st.lists(
    st.tuples(
        st.floats(0, 1),  # mastery
        st.integers(0, 20),  # attempts
        st.booleans(),  # goal
        st.integers(0, 8),  # recent answers
        st.integers(0, 8),  # recent wrong (capped by answers)
        st.sets(st.sampled_from(["practice", "lesson", "project", "quiz"]), max_size=4),
    ),
    min_size=1,
    max_size=10,
)


@given(views_strategy, st.integers(0, 3), st.integers(1, 6), st.sets(st.integers(1, 10)))
def test_the_boards_rules_hold_for_any_student(
    rows: list[tuple[float, int, bool, int, int, set[str]]],
    n_commit: int,
    limit: int,
    excluded_standards: set[int],
) -> None:
    kinds = ["practice", "lesson", "project", "quiz"]
    views, acts = [], []
    for sid, (mastery, attempts, goal, answers, wrong, offered) in enumerate(rows, start=1):
        views.append(
            standard(
                sid,
                mastery,
                attempts,
                goal=goal,
                recent_answers=answers,
                recent_wrong=min(wrong, answers),
                prerequisite_ids=(sid - 1,) if sid > 1 else (),
            )
        )
        acts += [
            ActivityView(sid * 10 + kinds.index(k), f"{k} S{sid}", k, "do", (sid,)) for k in offered
        ]
    excluded = frozenset(a.activity_id for a in acts if a.standard_ids[0] in excluded_standards)
    commitments = [Commitment(f"assignment-{i}", f"A{i}", "Assigned") for i in range(n_commit)]
    board = BoardInput(
        standards=views,
        activities=acts,
        commitments=commitments,
        now=NOW,
        exclude_activity_ids=excluded,
    )
    options = choice_board(board, limit=limit)
    keys = [o.key for o in options]
    assert len(set(keys)) == len(keys) and all(o.reason for o in options)
    ids = [o.activity_id for o in options if o.activity_id is not None]
    assert len(ids) == len(set(ids)) and not set(ids) & excluded
    assert keys[:n_commit] == [c.key for c in commitments]
    offered_by_standard = {o.standard_id for o in options}
    open_acts = [a for a in acts if a.activity_id not in excluded]
    for view in views:
        aligned = [a for a in open_acts if view.standard_id in a.standard_ids]
        if view.goal and aligned:
            assert view.standard_id in offered_by_standard
        has_lesson = any(a.kind == "lesson" for a in aligned)
        if view.goal and practice_failing(view) and has_lesson:
            assert by_standard(options)[view.standard_id].kind == "lesson"
    assert len(options) >= min(MIN_OPTIONS, n_commit + len(open_acts))
    failing_with_lesson = [
        view.standard_id
        for view in views
        if practice_failing(view)
        and any(a.kind == "lesson" and view.standard_id in a.standard_ids for a in open_acts)
    ]
    goal_options = [o for o in options if o.for_goal and o.standard_id not in failing_with_lesson]
    if n_commit + len(goal_options) + len(failing_with_lesson) <= limit:  # room for them all
        assert all(by_standard(options)[sid].kind == "lesson" for sid in failing_with_lesson)
    goals = sum(1 for o in options if o.for_goal)
    assert len(options) <= max(limit, n_commit + goals, MIN_OPTIONS)
