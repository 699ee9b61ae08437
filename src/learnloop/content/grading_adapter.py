"""Grade an item: build the pure ItemSpec from it and call content.grading.

This is what the student loop and the teacher preview call. The item is any
`content.gradable.GradableItem`: an `Item` model, or the answer path's frozen row
(`learning.answering.queries.ItemRow`). A choice item's choices are
given as `ChoiceSpec` values where the caller read them already (the answer path reads
them with the item, in one literal statement: `learning.answering.queries`); without
them they come from a model's `item.choices` (prefetch `choices` when grading many
items); a row has no such relation, so its choices are always given.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from learnloop.content.gradable import GradableItem
from learnloop.content.grading import Answer, ChoiceSpec, GradeResult, ItemSpec, grade
from learnloop.content.models import CHOICE_KINDS


def choice_specs(item: GradableItem) -> tuple[ChoiceSpec, ...]:
    """The item's choices as values, in order (a model's `item.choices`; none for other
    kinds). A row carries no relation: its choices are read with it and passed along."""
    if item.kind not in CHOICE_KINDS:
        return ()
    stored = getattr(item, "choices", None)
    if stored is None:
        raise TypeError(f"{type(item).__name__} has no choices to read: pass them as `choices`")
    return tuple(
        ChoiceSpec(key=c.identifier, is_correct=c.is_correct, text=c.text) for c in stored.all()
    )


def spec_for_item(item: GradableItem, choices: Sequence[ChoiceSpec] | None = None) -> ItemSpec:
    return ItemSpec(
        kind=item.kind,
        choices=choice_specs(item) if choices is None else tuple(choices),
        numeric_answer=Fraction(item.numeric_answer) if item.numeric_answer is not None else None,
        tolerance=Fraction(item.tolerance or 0),
        accepted_answers=tuple(item.accepted_answers),
        case_sensitive=item.case_sensitive,
        ignore_punctuation=item.ignore_punctuation,
        partial_credit=item.partial_credit,
        math_any_form=item.math_any_form,
    )


def grade_item(
    item: GradableItem, answer: Answer, choices: Sequence[ChoiceSpec] | None = None
) -> GradeResult:
    """Grade `answer` to `item`; `choices`, when given, are the item's (no query)."""
    return grade(spec_for_item(item, choices), answer)
