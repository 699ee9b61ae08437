"""Small constructors that keep the demo generators readable.

Each returns an ItemDraft; choice order is shuffled with the generator's own seeded
`random.Random`, so the demo is the same on every machine and every run.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from learnloop.content.drafts import ChoiceDraft, ItemDraft
from learnloop.content.models import ItemKind

Template = Callable[[random.Random], ItemDraft]


def money(value: Fraction | Decimal | float | int) -> str:
    return f"${Decimal(str(float(value))).quantize(Decimal('0.01'))}"


def decimal(value: Fraction | int) -> Decimal:
    """The exact decimal of a terminating fraction, or a 6-place rounding otherwise."""
    value = Fraction(value)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.000001"))


def frac(value: Fraction) -> str:
    value = Fraction(value)
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


def _html(text: str) -> str:
    return text if text.lstrip().startswith("<") else f"<p>{text}</p>"


def numeric(
    title: str,
    stem: str,
    answer: Fraction | int | Decimal,
    hints: Sequence[str],
    solution: str,
    *,
    tolerance: str = "0",
    difficulty: int = 2,
) -> ItemDraft:
    return ItemDraft(
        kind=ItemKind.NUMERIC,
        title=title,
        stem=_html(stem),
        numeric_answer=answer if isinstance(answer, Decimal) else decimal(answer),
        tolerance=Decimal(tolerance),
        hints=tuple(hints),
        solution=_html(solution),
        difficulty=difficulty,
    )


def single(
    rng: random.Random,
    title: str,
    stem: str,
    correct: str,
    wrong: Sequence[str],
    hints: Sequence[str],
    solution: str,
    *,
    difficulty: int = 2,
) -> ItemDraft:
    options = [ChoiceDraft(correct, True)] + [
        ChoiceDraft(w) for w in dict.fromkeys(wrong) if w != correct
    ]
    rng.shuffle(options)
    return ItemDraft(
        kind=ItemKind.SINGLE_CHOICE,
        title=title,
        stem=_html(stem),
        choices=tuple(options),
        hints=tuple(hints),
        solution=_html(solution),
        difficulty=difficulty,
    )


def multiple(
    rng: random.Random,
    title: str,
    stem: str,
    correct: Sequence[str],
    wrong: Sequence[str],
    hints: Sequence[str],
    solution: str,
    *,
    difficulty: int = 3,
) -> ItemDraft:
    options = [ChoiceDraft(c, True) for c in dict.fromkeys(correct)]
    options += [ChoiceDraft(w) for w in dict.fromkeys(wrong) if w not in correct]
    rng.shuffle(options)
    return ItemDraft(
        kind=ItemKind.MULTIPLE_CHOICE,
        title=title,
        stem=_html(stem + " Choose all that apply."),
        choices=tuple(options),
        hints=tuple(hints),
        solution=_html(solution),
        difficulty=difficulty,
    )


def short_text(
    title: str,
    stem: str,
    accepted: Sequence[str],
    hints: Sequence[str],
    solution: str,
    *,
    difficulty: int = 2,
) -> ItemDraft:
    return ItemDraft(
        kind=ItemKind.SHORT_TEXT,
        title=title,
        stem=_html(stem),
        accepted_answers=tuple(dict.fromkeys(accepted)),
        hints=tuple(hints),
        solution=_html(solution),
        difficulty=difficulty,
    )


def ratio_forms(a: int, b: int) -> list[str]:
    """The ways a student may write the ratio a to b."""
    return [f"{a}:{b}", f"{a} : {b}", f"{a} to {b}"]


def generate(templates: Sequence[Template], seed: str, count: int = 10) -> list[ItemDraft]:
    """`count` items cycling through `templates`, numbers drawn from a seeded generator."""
    rng = random.Random(f"learnloop-demo:{seed}")
    return [templates[index % len(templates)](rng) for index in range(count)]
