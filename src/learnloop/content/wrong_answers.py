"""Which wrong answers to one item are the same mistake: the grader's own normalisation.

Two answers are one mistake when the grader would read them as the same answer:
- choices: the same chosen set of choices (in the item's order);
- numeric: the same exact value (`0.5`, `1/2` and `.50` are one);
- short text: equal after the item's own normalisation (whitespace collapsed, case
  folded unless the item is case sensitive, punctuation dropped when it says so);
- math: the same plain number, or, for expressions, mathematically equivalent
  (`2x+2` and `2(x+1)`), by the same sympy comparison the grader uses.

Pure: no ORM. `group_wrong_answers(spec, answers)` takes (student id, answer) pairs and
returns the mistakes, most students first. Math expressions are compared with each
mistake found so far, up to MAX_EXPRESSION_GROUPS per item; past that, and when sympy
cannot read an answer or runs out of time, an answer is grouped by its normalised text.
Each distinct text is read once per item (the same spelling from many students is common).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from learnloop.content.grading import (
    MATH,
    MULTIPLE_CHOICE,
    NUMERIC,
    SHORT_TEXT,
    SINGLE_CHOICE,
    Answer,
    ItemSpec,
    normalize_text,
    parse_number,
)
from learnloop.content.math_numbers import normalize, plain_number

MAX_EXPRESSION_GROUPS = 12
MAX_SHOWN_LENGTH = 80


@dataclass
class Mistake:
    """One wrong answer as students gave it: its key, how to show it, who gave it."""

    key: str
    shown: str
    choice_keys: tuple[str, ...] = ()
    student_ids: list[int] = field(default_factory=list)
    times: int = 0

    @property
    def student_count(self) -> int:
        return len(self.student_ids)


def group_wrong_answers(spec: ItemSpec, answers: Iterable[tuple[int, Answer]]) -> list[Mistake]:
    """The distinct mistakes among `answers` (all wrong), most students first."""
    keyer = _Keyer(spec)
    mistakes: dict[str, Mistake] = {}
    for student_id, answer in answers:
        key, shown, choice_keys = keyer.key(answer)
        mistake = mistakes.get(key)
        if mistake is None:
            mistake = mistakes[key] = Mistake(key, shown[:MAX_SHOWN_LENGTH], choice_keys)
        mistake.times += 1
        if student_id not in mistake.student_ids:
            mistake.student_ids.append(student_id)
    return sorted(mistakes.values(), key=lambda m: (-m.student_count, -m.times, m.shown))


class _Keyer:
    def __init__(self, spec: ItemSpec) -> None:
        self.spec = spec
        self.expressions: list[tuple[str, object]] = []  # (key, MathValue) found so far
        self.seen: dict[str, tuple[str, str, tuple[str, ...]]] = {}  # one sympy read per text

    def key(self, answer: Answer) -> tuple[str, str, tuple[str, ...]]:
        kind = self.spec.kind
        if kind in (SINGLE_CHOICE, MULTIPLE_CHOICE):
            return self._choice(answer)
        if isinstance(answer, str):
            if kind == NUMERIC:
                value = parse_number(answer)
                if value is not None:
                    return _number_key(value), answer.strip(), ()
            if kind == SHORT_TEXT:
                text = normalize_text(
                    answer,
                    case_sensitive=self.spec.case_sensitive,
                    ignore_punctuation=self.spec.ignore_punctuation,
                )
                return "text:" + text, text, ()
            if kind == MATH:
                return self._math(answer)
        shown = answer if isinstance(answer, str) else json.dumps(answer, default=str)
        return "raw:" + " ".join(shown.split()).casefold(), shown.strip(), ()

    def _choice(self, answer: Answer) -> tuple[str, str, tuple[str, ...]]:
        chosen = {answer} if isinstance(answer, str) else set(answer or ())  # type: ignore[arg-type]
        ordered = tuple(c.key for c in self.spec.choices if c.key in chosen)
        texts = [_plain(c.text) for c in self.spec.choices if c.key in chosen]
        return "choice:" + ",".join(ordered), " · ".join(texts), ordered

    def _math(self, answer: str) -> tuple[str, str, tuple[str, ...]]:
        text = normalize(answer)
        known = self.seen.get(text)
        if known is None:
            known = self.seen[text] = self._math_key(answer, text)
        return known

    def _math_key(self, answer: str, text: str) -> tuple[str, str, tuple[str, ...]]:
        number = plain_number(text)
        if number is not None:
            return _number_key(number), text, ()
        fallback = "math:" + text.replace(" ", "")
        if len(self.expressions) >= MAX_EXPRESSION_GROUPS:
            return fallback, text, ()
        from learnloop.content.math_answers import MathInputError, equivalent, read_math

        try:
            value = read_math(answer)
            for key, known in self.expressions:
                if equivalent(value, known, any_form=True):  # type: ignore[arg-type]
                    return key, text, ()
        except (MathInputError, TimeoutError):
            return fallback, text, ()
        self.expressions.append((fallback, value))
        return fallback, text, ()


def _plain(markup: str) -> str:
    """A choice's sanitized HTML as one line of text, for a teacher's list."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


_TAG = re.compile(r"<[^>]*>")


def _number_key(value: Fraction) -> str:
    return f"number:{value.numerator}/{value.denominator}"
