"""The pure grading rules, example by example and as properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from learnloop.content.grading import (
    ChoiceSpec,
    ItemSpec,
    grade,
    normalize_text,
    parse_number,
)

SINGLE = ItemSpec(
    kind="single_choice",
    choices=(ChoiceSpec("A", False), ChoiceSpec("B", True), ChoiceSpec("C", False)),
)
MULTIPLE = ItemSpec(
    kind="multiple_choice",
    choices=(
        ChoiceSpec("A", True),
        ChoiceSpec("B", False),
        ChoiceSpec("C", True),
        ChoiceSpec("D", False),
    ),
)
PARTIAL = ItemSpec(kind="multiple_choice", choices=MULTIPLE.choices, partial_credit=True)


def numeric(key: str, tolerance: str = "0") -> ItemSpec:
    return ItemSpec(kind="numeric", numeric_answer=Decimal(key), tolerance=Decimal(tolerance))


def short(*accepted: str, **options: bool) -> ItemSpec:
    return ItemSpec(kind="short_text", accepted_answers=accepted, **options)


class TestSingleChoice:
    def test_right_choice_is_correct(self) -> None:
        result = grade(SINGLE, "B")
        assert (result.correct, result.score, result.valid) == (True, 1.0, True)
        assert result.normalized_answer == ("B",)

    def test_wrong_choice_scores_zero(self) -> None:
        result = grade(SINGLE, "A")
        assert (result.correct, result.score) == (False, 0.0)

    def test_a_list_of_one_is_accepted(self) -> None:
        assert grade(SINGLE, ["B"]).correct

    def test_two_choices_are_invalid(self) -> None:
        result = grade(SINGLE, ["A", "B"])
        assert not result.valid
        assert "exactly one" in result.feedback

    @pytest.mark.parametrize("answer", [None, "", "   ", []])
    def test_no_choice_is_invalid(self, answer: object) -> None:
        result = grade(SINGLE, answer)  # type: ignore[arg-type]
        assert (result.valid, result.correct, result.score) == (False, False, 0.0)
        assert "choose" in result.feedback.lower()

    def test_unknown_choice_is_invalid_and_named(self) -> None:
        result = grade(SINGLE, "Z")
        assert not result.valid
        assert "“Z”" in result.feedback


class TestMultipleChoice:
    def test_exact_set_is_correct_in_any_order(self) -> None:
        assert grade(MULTIPLE, ["C", "A"]).correct
        assert grade(MULTIPLE, ["C", "A"]).normalized_answer == ("A", "C")

    def test_subset_is_wrong_without_partial_credit(self) -> None:
        result = grade(MULTIPLE, ["A"])
        assert (result.correct, result.score) == (False, 0.0)

    def test_superset_is_wrong(self) -> None:
        assert not grade(MULTIPLE, ["A", "B", "C"]).correct

    def test_partial_credit_counts_right_minus_wrong(self) -> None:
        assert grade(PARTIAL, ["A"]).score == 0.5
        assert grade(PARTIAL, ["A", "B"]).score == 0.0
        assert grade(PARTIAL, ["A", "B", "C"]).score == 0.5
        assert grade(PARTIAL, ["B", "D"]).score == 0.0
        assert "Partly" in grade(PARTIAL, ["A"]).feedback

    def test_partial_credit_never_marks_partial_correct(self) -> None:
        result = grade(PARTIAL, ["A"])
        assert not result.correct
        assert grade(PARTIAL, ["A", "C"]).score == 1.0

    def test_duplicates_do_not_matter(self) -> None:
        assert grade(MULTIPLE, ["A", "A", "C"]).correct


class TestNumeric:
    @pytest.mark.parametrize(
        ("typed", "value"),
        [
            ("12", Fraction(12)),
            (" -3.5 ", Fraction(-7, 2)),
            ("3/4", Fraction(3, 4)),
            ("1 1/2", Fraction(3, 2)),
            ("-2 1/4", Fraction(-9, 4)),
            ("$4.50", Fraction(9, 2)),
            ("1,234.5", Fraction(24690, 20)),
            (".5", Fraction(1, 2)),
            ("2e3", Fraction(2000)),
            ("\u22125", Fraction(-5)),
            (7, Fraction(7)),
            (0.1, Fraction(1, 10)),
            (Decimal("2.25"), Fraction(9, 4)),
        ],
    )
    def test_parses_what_students_type(self, typed: object, value: Fraction) -> None:
        assert parse_number(typed) == value  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "typed",
        ["abc", "", "1/0", "1,2", "12,34", "1..2", "--1", "3 /", "nan", "inf", True, None, [1]],
    )
    def test_rejects_what_is_not_a_number(self, typed: object) -> None:
        assert parse_number(typed) is None  # type: ignore[arg-type]

    def test_exact_answer(self) -> None:
        result = grade(numeric("0.75"), "3/4")
        assert (result.correct, result.score, result.normalized_answer) == (
            True,
            1.0,
            Fraction(3, 4),
        )

    def test_tolerance_boundary_is_inclusive(self) -> None:
        spec = numeric("10", "0.5")
        assert grade(spec, "10.5").correct
        assert grade(spec, "9.5").correct
        assert not grade(spec, "10.500001").correct
        assert not grade(spec, "9.499999").correct

    def test_float_noise_does_not_move_the_boundary(self) -> None:
        assert grade(numeric("0.3", "0"), "0.3").correct
        assert grade(numeric("0.3", "0.1"), "0.2").correct

    def test_letters_are_an_invalid_answer_not_an_error(self) -> None:
        result = grade(numeric("4"), "abc")
        assert (result.valid, result.correct, result.score) == (False, False, 0.0)
        assert "“abc” is not a number" in result.feedback

    def test_empty_answer_asks_for_a_number(self) -> None:
        assert grade(numeric("4"), "  ").feedback == "Please type a number."

    def test_spec_without_key_is_a_programming_error(self) -> None:
        with pytest.raises(ValueError, match="answer key"):
            grade(ItemSpec(kind="numeric"), "1")


class TestShortText:
    def test_case_and_spaces_are_ignored_by_default(self) -> None:
        result = grade(short("unit rate"), "  Unit   RATE ")
        assert result.correct
        assert result.normalized_answer == "unit rate"

    def test_case_sensitive_option(self) -> None:
        spec = short("NaCl", case_sensitive=True)
        assert grade(spec, "NaCl").correct
        assert not grade(spec, "nacl").correct

    def test_punctuation_only_ignored_when_asked(self) -> None:
        assert not grade(short("3 to 4"), "3, to 4!").correct
        assert grade(short("3 to 4", ignore_punctuation=True), "3, to 4!").correct

    def test_any_accepted_answer(self) -> None:
        spec = short("ratio", "a ratio")
        assert grade(spec, "A ratio").correct
        assert not grade(spec, "rate").correct

    def test_blank_is_invalid(self) -> None:
        assert not grade(short("x"), " ").valid
        assert not grade(short("x"), ["x"]).valid

    def test_unknown_kind_is_refused(self) -> None:
        with pytest.raises(ValueError, match="Unknown item kind"):
            ItemSpec(kind="essay")


# Properties ----------------------------------------------------------------------------

rationals = st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=1000)
tolerances = st.fractions(min_value=0, max_value=1000, max_denominator=1000)


@given(key=rationals, tolerance=tolerances, offset=st.fractions(min_value=-1, max_value=1))
def test_numeric_correct_exactly_within_tolerance(
    key: Fraction, tolerance: Fraction, offset: Fraction
) -> None:
    answer = key + offset * tolerance * 2
    spec = ItemSpec(kind="numeric", numeric_answer=key, tolerance=tolerance)
    result = grade(spec, answer)
    assert result.correct == (abs(answer - key) <= tolerance)
    assert result.score in (0.0, 1.0)


@given(key=rationals, tolerance=tolerances)
def test_numeric_boundaries_are_inclusive(key: Fraction, tolerance: Fraction) -> None:
    spec = ItemSpec(kind="numeric", numeric_answer=key, tolerance=tolerance)
    assert grade(spec, key + tolerance).correct
    assert grade(spec, key - tolerance).correct
    assert not grade(spec, key + tolerance + Fraction(1, 10**9)).correct


@given(value=st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_typed_decimals_round_trip(value: Decimal) -> None:
    assert parse_number(str(value)) == Fraction(value)


@given(text=st.text(max_size=30))
def test_any_text_grades_without_raising(text: str) -> None:
    for spec in (SINGLE, MULTIPLE, PARTIAL, numeric("1.5", "0.1"), short("ratio")):
        result = grade(spec, text)
        assert 0.0 <= result.score <= 1.0
        assert result.correct <= result.valid
        assert result.feedback


@given(picks=st.lists(st.sampled_from("ABCD"), max_size=6))
def test_multiple_choice_correct_iff_exact_set(picks: list[str]) -> None:
    result = grade(MULTIPLE, picks)
    if picks:
        assert result.correct == (set(picks) == {"A", "C"})
        partial = grade(PARTIAL, picks)
        assert 0.0 <= partial.score <= 1.0
        assert (partial.score == 1.0) == result.correct


@given(
    words=st.lists(st.text(alphabet="abcXYZ", min_size=1, max_size=5), min_size=1, max_size=4),
    spaces=st.lists(st.sampled_from([" ", "  ", "\t"]), min_size=5, max_size=5),
)
def test_short_text_normalization_ignores_case_and_spacing(
    words: list[str], spaces: list[str]
) -> None:
    canonical = " ".join(words)
    typed = spaces[0] + "".join(w.upper() + s for w, s in zip(words, spaces[1:], strict=False))
    assert normalize_text(typed, case_sensitive=False, ignore_punctuation=False) == normalize_text(
        canonical, case_sensitive=False, ignore_punctuation=False
    )
