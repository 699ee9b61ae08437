"""Grade an Item model: build the pure ItemSpec from it and call content.grading.

This is what the student loop and the teacher preview call. Prefetch `choices` when
grading many items to keep it at zero extra queries per item.
"""

from __future__ import annotations

from fractions import Fraction

from learnloop.content.grading import Answer, ChoiceSpec, GradeResult, ItemSpec, grade
from learnloop.content.models import Item


def spec_for_item(item: Item) -> ItemSpec:
    return ItemSpec(
        kind=item.kind,
        choices=tuple(
            ChoiceSpec(key=c.identifier, is_correct=c.is_correct, text=c.text)
            for c in item.choices.all()
        ),
        numeric_answer=Fraction(item.numeric_answer) if item.numeric_answer is not None else None,
        tolerance=Fraction(item.tolerance or 0),
        accepted_answers=tuple(item.accepted_answers),
        case_sensitive=item.case_sensitive,
        ignore_punctuation=item.ignore_punctuation,
        partial_credit=item.partial_credit,
        math_any_form=item.math_any_form,
    )


def grade_item(item: Item, answer: Answer) -> GradeResult:
    return grade(spec_for_item(item), answer)
