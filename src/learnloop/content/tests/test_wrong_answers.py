"""The grader's normalisation decides which wrong answers are the same mistake."""

from __future__ import annotations

from fractions import Fraction

from learnloop.content.grading import (
    MATH,
    MULTIPLE_CHOICE,
    NUMERIC,
    SHORT_TEXT,
    SINGLE_CHOICE,
    ChoiceSpec,
    ItemSpec,
)
from learnloop.content.wrong_answers import MAX_EXPRESSION_GROUPS, group_wrong_answers


def _shape(spec: ItemSpec, answers: list[tuple[int, object]]) -> list[tuple[str, list[int], int]]:
    return [(m.shown, m.student_ids, m.times) for m in group_wrong_answers(spec, answers)]


def test_numbers_with_the_same_value_are_one_mistake() -> None:
    spec = ItemSpec(kind=NUMERIC, numeric_answer=Fraction(3))
    answers = [(1, "7"), (2, " 7.0"), (3, "14/2"), (1, "7"), (4, "8")]
    assert _shape(spec, answers) == [("7", [1, 2, 3], 4), ("8", [4], 1)]


def test_text_ignores_case_and_spacing_as_the_item_does() -> None:
    spec = ItemSpec(kind=SHORT_TEXT, accepted_answers=("unit rate",))
    answers = [(1, "Per  Unit"), (2, "per unit"), (3, "PER UNIT "), (4, "rate")]
    assert _shape(spec, answers)[0] == ("per unit", [1, 2, 3], 3)
    sensitive = ItemSpec(kind=SHORT_TEXT, accepted_answers=("x",), case_sensitive=True)
    assert len(group_wrong_answers(sensitive, [(1, "Rate"), (2, "rate")])) == 2


def test_choices_by_choice_with_their_text() -> None:
    choices = (
        ChoiceSpec("a", True, "3:5"),
        ChoiceSpec("b", False, "<strong>5:3</strong>"),
        ChoiceSpec("c", False, "3:8"),
    )
    spec = ItemSpec(kind=SINGLE_CHOICE, choices=choices)
    mistakes = group_wrong_answers(spec, [(1, "b"), (2, "b"), (3, "c")])
    assert [(m.shown, m.choice_keys, m.student_ids) for m in mistakes] == [
        ("5:3", ("b",), [1, 2]),
        ("3:8", ("c",), [3]),
    ]
    many = ItemSpec(kind=MULTIPLE_CHOICE, choices=choices)
    (mistake,) = group_wrong_answers(many, [(1, ["c", "b"]), (2, ["b", "c"])])
    assert mistake.choice_keys == ("b", "c") and mistake.shown == "5:3 · 3:8"


def test_math_answers_that_are_equivalent_are_one_mistake() -> None:
    spec = ItemSpec(kind=MATH, accepted_answers=("2x+1",))
    answers = [(1, "2x+2"), (2, "2(x+1)"), (3, "x*2 + 2"), (4, "1/2"), (5, "0.5"), (6, "x^")]
    shapes = _shape(spec, answers)
    assert shapes[0] == ("2x+2", [1, 2, 3], 3)
    assert ("1/2", [4, 5], 2) in shapes
    assert ("x^", [6], 1) in shapes  # unreadable: grouped by its text, never an error


def test_many_distinct_expressions_stay_bounded() -> None:
    spec = ItemSpec(kind=MATH, accepted_answers=("x",))
    answers = [(n, f"x+{n}y") for n in range(1, MAX_EXPRESSION_GROUPS + 6)]
    assert len(group_wrong_answers(spec, answers)) == len(answers)


def test_odd_stored_answers_never_raise() -> None:
    spec = ItemSpec(kind=NUMERIC, numeric_answer=Fraction(3))
    shapes = _shape(spec, [(1, None), (2, {"parts": ["1"]}), (3, "abc"), (4, "ABC")])
    assert ("abc", [3, 4], 2) in shapes and len(shapes) == 3
