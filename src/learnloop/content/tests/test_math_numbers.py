"""Plain-number math answers graded without sympy: same verdicts, and sympy stays unloaded."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learnloop.content.grading import GradeResult, ItemSpec, grade
from learnloop.content.math_answers import MathInputError, equivalent, read_math
from learnloop.content.math_numbers import normalize, plain_number


def by_sympy(answer: str, keys: tuple[str, ...], any_form: bool) -> tuple[bool, bool, str]:
    """(valid, correct, normalized answer) as grading decided before the fast path."""
    try:
        given_value = read_math(answer)
    except MathInputError:
        return False, False, ""
    for key in keys:
        try:
            if equivalent(given_value, read_math(key), any_form=any_form):
                return True, True, given_value.text
        except MathInputError:
            continue
    return True, False, given_value.text


def verdict(result: GradeResult) -> tuple[bool, bool, str]:
    text = result.normalized_answer if result.valid else ""
    return result.valid, result.correct, str(text or "")


_digits = st.integers(min_value=0, max_value=10**12)
_unsigned = st.one_of(
    _digits.map(str),
    st.builds(lambda a, b: f"{a}.{b}", _digits, st.text("0123456789", min_size=1, max_size=8)),
    st.builds(lambda b: f".{b}", st.text("0123456789", min_size=1, max_size=6)),
    st.builds(lambda a: f"{a}.", _digits),
    st.text("0123456789", min_size=1, max_size=4),  # leading zeros too: sympy decides those
    st.just("1" * 40),  # past the digit cap: sympy decides
)
_sign = st.sampled_from(["", "-", "+", "- ", "\u2212"])
_numbers = st.one_of(
    st.builds(lambda s, n: f"{s}{n}", _sign, _unsigned),
    st.builds(
        lambda s, n, sep, d_sign, d: f"{s}{n}{sep}{d_sign}{d}",
        _sign,
        _unsigned,
        st.sampled_from(["/", " / ", "/ ", "\u00f7"]),
        st.sampled_from(["", "-", "+"]),
        _unsigned,
    ),
    st.builds(lambda s, n: f"{s}{n}%", _sign, _unsigned),
    st.builds(lambda n: f"({n})", _unsigned),
    st.builds(lambda s, n, d: f"\\frac{{{s}{n}}}{{{d}}}", _sign, _unsigned, _unsigned),
    st.builds(lambda s, n, d: f"{s}(({n}))/(({d}))", _sign, _unsigned, _unsigned),
    st.builds(lambda n, d, e: f"-({n}/{d})/{e}", _unsigned, _unsigned, _unsigned),
    st.builds(lambda n, d, e: f"{n}/{d}/({e})", _unsigned, _unsigned, _unsigned),
    st.sampled_from(
        ["1,234", "1,5", "1e3", "2x", "sqrt(4)", "(1/2", "1/2)", "3 4", "0/0", "1-2", "()", "(2)."]
    ),
)


@settings(max_examples=400, deadline=None)
@given(answer=_numbers, keys=st.lists(_numbers, min_size=0, max_size=3), any_form=st.booleans())
def test_fast_path_gives_sympys_verdict(answer: str, keys: list[str], any_form: bool) -> None:
    spec = ItemSpec(kind="math", accepted_answers=tuple(keys), math_any_form=any_form)
    assert verdict(grade(spec, answer)) == by_sympy(answer, tuple(keys), any_form)


@settings(max_examples=300, deadline=None)
@given(text=_numbers)
def test_a_plain_number_is_the_value_sympy_reads(text: str) -> None:
    number = plain_number(normalize(text))
    if number is not None:
        assert Fraction(str(read_math(text).value)) == number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("7", Fraction(7)),
        ("-3/4", Fraction(-3, 4)),
        ("3/-4", Fraction(-3, 4)),
        ("0.25", Fraction(1, 4)),
        (".5", Fraction(1, 2)),
        ("1.", Fraction(1)),
        ("50%", Fraction(1, 2)),
        ("-12.5%", Fraction(-1, 8)),
        ("1,234", Fraction(1234)),
        ("\u22123", Fraction(-3)),
        ("\\frac{11}{7}", Fraction(11, 7)),
        ("\\frac{-27}{1}", Fraction(-27)),
        ("(5)", Fraction(5)),
        ("1/2/4", Fraction(1, 8)),
        ("-(1/2)/(-4)", Fraction(1, 8)),
    ],
)
def test_plain_numbers_read_exactly(text: str, value: Fraction) -> None:
    assert plain_number(normalize(text)) == value


@pytest.mark.parametrize(
    "text", ["05", "1/0", "1e3", "x", "2x", "sqrt(4)", "1 2", "(1/2", "--3", "1" * 40, "(2).", "()"]
)
def test_what_is_left_to_sympy(text: str) -> None:
    assert plain_number(normalize(text)) is None


def test_plain_numbers_are_graded_without_importing_sympy() -> None:
    code = (
        "import sys\n"
        "from learnloop.content.grading import ItemSpec, grade\n"
        "spec = ItemSpec(kind='math', accepted_answers=('3/4', '0.75'))\n"
        "assert grade(spec, '6/8').correct and not grade(spec, '7').correct\n"
        "assert 'sympy' not in sys.modules, 'sympy was imported'\n"
        "assert grade(ItemSpec(kind='math', accepted_answers=('x+1',)), '1+x').correct\n"
        "assert 'sympy' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
