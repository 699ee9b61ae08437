"""An item's grading spec as JSON, the form the browser grader reads.

The offline practice pack carries each item's spec in this form, and the golden table
(`grading_golden.json`, run by pytest against `content.grading` and by node against
`static/content/grading.mjs`) states its cases in it, so both graders read one shape.
Exact numbers travel as text ("0.125", "1/3"): a float would round them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from learnloop.content.grading import ChoiceSpec, ItemSpec


def _number_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{value.numerator}/{value.denominator}"


def spec_to_json(spec: ItemSpec) -> dict[str, Any]:
    return {
        "kind": spec.kind,
        "choices": [{"key": c.key, "is_correct": c.is_correct} for c in spec.choices],
        "numeric_answer": (
            None if spec.numeric_answer is None else _number_text(Fraction(spec.numeric_answer))
        ),
        "tolerance": _number_text(Fraction(spec.tolerance)),
        "accepted_answers": list(spec.accepted_answers),
        "case_sensitive": spec.case_sensitive,
        "ignore_punctuation": spec.ignore_punctuation,
        "partial_credit": spec.partial_credit,
        "math_any_form": spec.math_any_form,
    }


def spec_from_json(data: dict[str, Any]) -> ItemSpec:
    """The inverse of `spec_to_json`; missing keys take ItemSpec's defaults."""
    numeric = data.get("numeric_answer")
    return ItemSpec(
        kind=data["kind"],
        choices=tuple(
            ChoiceSpec(key=c["key"], is_correct=bool(c["is_correct"]))
            for c in data.get("choices", [])
        ),
        numeric_answer=None if numeric is None else Fraction(str(numeric)),
        tolerance=Fraction(str(data.get("tolerance", "0"))),
        accepted_answers=tuple(data.get("accepted_answers", [])),
        case_sensitive=bool(data.get("case_sensitive", False)),
        ignore_punctuation=bool(data.get("ignore_punctuation", False)),
        partial_credit=bool(data.get("partial_credit", False)),
        math_any_form=bool(data.get("math_any_form", True)),
    )
