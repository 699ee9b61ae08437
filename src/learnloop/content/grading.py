"""Grade one answer to one item. Pure: no ORM, no Django, no I/O (sympy for math
expressions, loaded only when one is graded).

The student loop, the teacher's preview and the QTI tests all grade through
`grade(spec, answer)`; `content.grading_adapter.grade_item` builds the spec from a model.

Rules (docs/content.md repeats them for authors):
- single choice: correct when the one chosen key is the correct choice.
- multiple choice: correct only when the chosen set equals the correct set exactly.
  With `partial_credit`, the score is (right picks - wrong picks) / number of correct
  choices, floored at 0; without it the score is 1 or 0.
- numeric: exact rational arithmetic (fractions.Fraction), correct when
  |answer - key| <= tolerance (the boundary counts as correct). Accepts integers,
  decimals, exponents, fractions "3/4", mixed numbers "1 1/2", a leading "$", and
  thousands separators "1,234.5".
- math: the answer is read as math (`content.math_answers`) and is correct when it is
  mathematically equivalent to any accepted answer: `1/2`, `0.5` and `2/4`; `x+1` and
  `1+x`; `3(x-2)` and `3x-6` only when `math_any_form` (else the key's written form is
  required, up to term order and the arithmetic of plain numbers). Unreadable math gives
  a message saying why.
- short text: whitespace trimmed and collapsed; case ignored unless `case_sensitive`;
  punctuation ignored when `ignore_punctuation`; correct when it equals any accepted
  answer normalized the same way.
An answer that cannot be read (empty, "abc" for a number, an unknown choice) gives a
result with `valid=False` and a feedback saying why; it never raises.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from django.utils.translation import gettext_noop

from learnloop.content.math_numbers import normalize, plain_number

if TYPE_CHECKING:
    from learnloop.content.math_answers import MathValue

SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
NUMERIC = "numeric"
SHORT_TEXT = "short_text"
MATH = "math"
KINDS = (SINGLE_CHOICE, MULTIPLE_CHOICE, NUMERIC, SHORT_TEXT, MATH)

Answer = str | int | float | Decimal | Fraction | Iterable[str] | None


@dataclass(frozen=True)
class ChoiceSpec:
    key: str
    is_correct: bool
    text: str = ""


@dataclass(frozen=True)
class ItemSpec:
    """Everything grading needs to know about an item, nothing more."""

    kind: str
    choices: tuple[ChoiceSpec, ...] = ()
    numeric_answer: Fraction | Decimal | int | None = None
    tolerance: Fraction | Decimal | int = 0
    accepted_answers: tuple[str, ...] = ()
    case_sensitive: bool = False
    ignore_punctuation: bool = False
    partial_credit: bool = False
    math_any_form: bool = True

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown item kind {self.kind!r}; expected one of {KINDS}.")


@dataclass(frozen=True)
class GradeResult:
    correct: bool
    score: float
    feedback: str
    normalized_answer: str | tuple[str, ...] | Fraction | None
    valid: bool = True


@dataclass(frozen=True)
class _Invalid:
    reason: str


def grade(spec: ItemSpec, answer: Answer) -> GradeResult:
    """Grade `answer` against `spec`; never raises for a bad answer."""
    if spec.kind == NUMERIC:
        return _grade_numeric(spec, answer)
    if spec.kind == SHORT_TEXT:
        return _grade_short_text(spec, answer)
    if spec.kind == MATH:
        return _grade_math(spec, answer)
    return _grade_choice(spec, answer)


def invalid(reason: str) -> GradeResult:
    return GradeResult(
        correct=False, score=0.0, feedback=reason, normalized_answer=None, valid=False
    )


# Numeric -------------------------------------------------------------------------------

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_MIXED = re.compile(r"^([+-]?)(\d+)\s+(\d+)\s*/\s*(\d+)$")
_FRACTION = re.compile(r"^[+-]?\d+\s*/\s*\d+$")


def parse_number(raw: Answer) -> Fraction | None:
    """The exact value of a typed number, or None when it is not one."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, Decimal):
        return Fraction(raw) if raw.is_finite() else None
    if isinstance(raw, int | Fraction):
        return Fraction(raw)
    if isinstance(raw, float):
        return Fraction(repr(raw)) if math.isfinite(raw) else None
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFKC", raw).strip().replace("\u2212", "-")
    text = text.removeprefix("$").strip()
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    mixed = _MIXED.match(text)
    try:
        if mixed:
            sign, whole, num, den = mixed.groups()
            value = int(whole) + Fraction(int(num), int(den))
            return -value if sign == "-" else value
        if _FRACTION.match(text):
            return Fraction(text.replace(" ", ""))
        if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,4})?", text):
            return Fraction(text)
    except ZeroDivisionError:
        return None
    return None


def _grade_numeric(spec: ItemSpec, answer: Answer) -> GradeResult:
    if spec.numeric_answer is None:
        raise ValueError("A numeric item needs a numeric answer key.")
    value = parse_number(answer)
    if value is None:
        shown = "" if answer is None else str(answer).strip()
        if not shown:
            return invalid(gettext_noop("Please type a number."))
        return invalid(f"“{shown[:40]}” is not a number. Type digits, like 12, 0.5 or 3/4.")
    key = Fraction(spec.numeric_answer)
    tolerance = abs(Fraction(spec.tolerance))
    correct = abs(value - key) <= tolerance
    return GradeResult(
        correct=correct,
        score=1.0 if correct else 0.0,
        feedback="Correct!" if correct else gettext_noop("Check your work and try again."),
        normalized_answer=value,
    )


# Short text ----------------------------------------------------------------------------


def normalize_text(text: str, *, case_sensitive: bool, ignore_punctuation: bool) -> str:
    text = unicodedata.normalize("NFKC", text)
    if ignore_punctuation:
        text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    text = " ".join(text.split())
    return text if case_sensitive else text.casefold()


def _grade_short_text(spec: ItemSpec, answer: Answer) -> GradeResult:
    if not isinstance(answer, str) or not answer.strip():
        return invalid(gettext_noop("Please type an answer."))
    options = {"case_sensitive": spec.case_sensitive, "ignore_punctuation": spec.ignore_punctuation}
    given = normalize_text(answer, **options)
    accepted = {normalize_text(a, **options) for a in spec.accepted_answers}
    correct = given in accepted
    return GradeResult(
        correct=correct,
        score=1.0 if correct else 0.0,
        feedback="Correct!" if correct else gettext_noop("Check your work and try again."),
        normalized_answer=given,
    )


# Math ----------------------------------------------------------------------------------


def _grade_math(spec: ItemSpec, answer: Answer) -> GradeResult:
    if not isinstance(answer, str) or not answer.strip():
        return invalid(gettext_noop("Please type an answer."))
    # Plain numbers (`7`, `-3/4`, `0.25`, `50%`) compare exactly as fractions; sympy
    # loads only when an answer or a key is a real expression, so most classroom
    # workers never import it. The verdict is the same either way (test_math_numbers).
    text = normalize(answer)
    number = plain_number(text)
    given: MathValue | None = None
    if number is None:
        from learnloop.content.math_answers import MathInputError, read_math

        try:
            given = read_math(answer)
        except MathInputError as error:
            return invalid(str(error))
    correct = False
    for key in spec.accepted_answers:
        key_number = plain_number(normalize(key)) if number is not None else None
        if number is not None and key_number is not None:
            correct = number == key_number
        else:
            outcome = _sympy_match(answer, given, key, spec.math_any_form)
            if isinstance(outcome, GradeResult):
                return outcome
            correct, given = outcome
        if correct:
            break
    return GradeResult(
        correct=correct,
        score=1.0 if correct else 0.0,
        feedback="Correct!" if correct else gettext_noop("Check your work and try again."),
        normalized_answer=given.text if given is not None else text,
    )


def _sympy_match(
    answer: str, given: MathValue | None, key: str, any_form: bool
) -> tuple[bool, MathValue] | GradeResult:
    """Whether the answer (read now, unless already read) matches one key, by sympy."""
    from learnloop.content.math_answers import MathInputError, equivalent, read_math

    if given is None:
        given = read_math(answer)  # a plain number: always readable
    try:
        return equivalent(given, read_math(key), any_form=any_form), given
    except MathInputError:
        return False, given  # a key we cannot read never matches; the importer reports such items
    except TimeoutError:
        return invalid(
            gettext_noop("That answer took too long to check: simplify it and try again.")
        )


# Choices -------------------------------------------------------------------------------


def _chosen_keys(answer: Answer) -> tuple[str, ...] | _Invalid:
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return _Invalid(gettext_noop("Please choose an answer."))
    if isinstance(answer, str):
        return (answer.strip(),)
    if isinstance(answer, Iterable) and not isinstance(answer, bytes):
        keys = tuple(str(key).strip() for key in answer if str(key).strip())
        return keys if keys else _Invalid(gettext_noop("Please choose an answer."))
    return _Invalid(gettext_noop("Please choose an answer."))


def _grade_choice(spec: ItemSpec, answer: Answer) -> GradeResult:
    keys = _chosen_keys(answer)
    if isinstance(keys, _Invalid):
        return invalid(keys.reason)
    known = {choice.key for choice in spec.choices}
    unknown = [key for key in keys if key not in known]
    if unknown:
        return invalid(f"“{unknown[0][:40]}” is not one of the choices.")
    chosen = frozenset(keys)
    if spec.kind == SINGLE_CHOICE and len(chosen) != 1:
        return invalid(gettext_noop("Choose exactly one answer."))
    correct_keys = frozenset(choice.key for choice in spec.choices if choice.is_correct)
    correct = chosen == correct_keys
    score = 1.0 if correct else 0.0
    if not correct and spec.kind == MULTIPLE_CHOICE and spec.partial_credit and correct_keys:
        right = len(chosen & correct_keys)
        wrong = len(chosen - correct_keys)
        score = max(0.0, (right - wrong) / len(correct_keys))
    ordered = tuple(choice.key for choice in spec.choices if choice.key in chosen)
    return GradeResult(
        correct=correct,
        score=score,
        feedback=_choice_feedback(spec, correct, score),
        normalized_answer=ordered,
    )


def _choice_feedback(spec: ItemSpec, correct: bool, score: float) -> str:
    if correct:
        return "Correct!"
    if spec.kind == MULTIPLE_CHOICE and score > 0:
        return gettext_noop("Partly right: some of your choices are right, but not all of them.")
    if spec.kind == MULTIPLE_CHOICE:
        return gettext_noop("Choose every answer that is right, and only those.")
    return gettext_noop("Check your work and try again.")
