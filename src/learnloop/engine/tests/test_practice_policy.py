"""The practice session's rules: target, end, next item, credit, help order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from learnloop.engine.practice_policy import (
    EndReason,
    Help,
    ItemChoice,
    SessionProgress,
    SessionTarget,
    TargetKind,
    answer_credit,
    choose_item,
    counts_for_engine,
    end_reason,
    may_try_again,
    next_help,
    right_for_engine,
)


def progress(done: int = 0, misses: int = 0, mastered: bool = False) -> SessionProgress:
    return SessionProgress(items_done=done, misses_in_a_row=misses, all_mastered=mastered)


def test_settings_default_to_ten_items_and_bad_values_take_the_default() -> None:
    assert SessionTarget.from_settings(None) == SessionTarget(TargetKind.ITEMS, 10, 20, 3)
    odd = SessionTarget.from_settings({"target": "soon", "items": "7", "max_items": True})
    assert odd == SessionTarget()
    mastery = SessionTarget.from_settings({"target": "mastery", "max_items": 12, "items": 40})
    assert (mastery.kind, mastery.max_items, mastery.items) == (TargetKind.MASTERY, 12, 12)
    assert SessionTarget.from_settings(mastery.to_dict()) == mastery


def test_an_items_session_ends_after_n_and_a_mastery_session_at_mastery_or_the_cap() -> None:
    items = SessionTarget(TargetKind.ITEMS, items=10)
    assert end_reason(items, progress(9)) is None
    assert end_reason(items, progress(10)) is EndReason.ITEMS_DONE
    mastery = SessionTarget(TargetKind.MASTERY, max_items=20)
    assert end_reason(mastery, progress(10)) is None
    assert end_reason(mastery, progress(4, mastered=True)) is EndReason.MASTERED
    assert end_reason(mastery, progress(20)) is EndReason.CAP


def test_three_misses_in_a_row_route_even_on_the_last_item() -> None:
    target = SessionTarget(TargetKind.ITEMS, items=3)
    assert end_reason(target, progress(2, misses=2)) is None
    assert end_reason(target, progress(3, misses=3)) is EndReason.ROUTED


def test_no_item_comes_back_while_an_unserved_one_remains() -> None:
    served_easy = ItemChoice(1, predicted=0.70, served_in_session=1, answered_ever=1)
    unserved_hard = ItemChoice(2, predicted=0.10, served_in_session=0, answered_ever=4)
    assert choose_item([served_easy, unserved_hard]) == 2
    assert choose_item([served_easy, ItemChoice(3, 0.9, 2, 2)]) == 1
    assert choose_item([]) is None


def test_among_unserved_the_nearest_to_the_target_success_wins() -> None:
    far, near = ItemChoice(1, 0.95, 0, 0), ItemChoice(2, 0.65, 0, 3)
    assert choose_item([far, near]) == 2


def test_credit_halves_on_a_second_try_and_help_lowers_it() -> None:
    assert answer_credit(1.0, attempt=1) == 1.0
    assert answer_credit(1.0, attempt=2) == 0.5
    assert answer_credit(1.0, attempt=1, help_used=Help(hints=2)) == 0.7
    assert answer_credit(1.0, attempt=1, help_used=Help(scaffolds=1)) == 0.5
    assert answer_credit(1.0, attempt=1, help_used=Help(solution=True)) == 0.0
    assert answer_credit(0.0, attempt=1) == 0.0


def test_the_engine_learns_from_first_tries_worth_at_least_half() -> None:
    assert counts_for_engine(1) and not counts_for_engine(2)
    assert right_for_engine(correct=True, credit=0.5)
    assert not right_for_engine(correct=True, credit=0.35)
    assert not right_for_engine(correct=False, credit=0.67)  # partial multi-select


def test_a_second_try_is_offered_once_and_never_after_the_solution() -> None:
    assert may_try_again(correct=False, attempt=1, solution_shown=False)
    assert not may_try_again(correct=False, attempt=2, solution_shown=False)
    assert not may_try_again(correct=False, attempt=1, solution_shown=True)
    assert not may_try_again(correct=True, attempt=1, solution_shown=False)


def test_help_comes_as_hints_then_scaffolds_then_the_solution() -> None:
    order = []
    shown = {"hints_shown": 0, "scaffolds_shown": 0}
    for _ in range(5):
        step = next_help(**shown, hints=2, scaffolds=1, solution=True)
        order.append(step.kind)
        if step.kind in ("hint", "scaffold"):
            shown[f"{step.kind}s_shown"] += 1
    assert order == ["hint", "hint", "scaffold", "solution", "solution"]
    assert (
        next_help(hints_shown=0, hints=0, scaffolds_shown=0, scaffolds=0, solution=False).kind == ""
    )


@given(
    st.floats(0, 1),
    st.integers(1, 3),
    st.integers(0, 10),
    st.integers(0, 3),
    st.booleans(),
)
def test_credit_stays_in_range_and_never_exceeds_the_grade(
    score: float, attempt: int, hints: int, scaffolds: int, solution: bool
) -> None:
    credit = answer_credit(score, attempt=attempt, help_used=Help(hints, scaffolds, solution))
    assert 0.0 <= credit <= score + 5e-5  # rounded to four places
