"""An answer as the student saw it: choice texts rather than choice keys.

The item is any `content.gradable.GradableItem`: the answer path's row, or a model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import strip_tags
from django.utils.translation import gettext

from learnloop.content.gradable import GradableItem
from learnloop.content.grading import ChoiceSpec
from learnloop.content.grading_adapter import choice_specs
from learnloop.content.models import CHOICE_KINDS


def describe_answer(
    item: GradableItem, answer: Any, choices: Sequence[ChoiceSpec] | None = None
) -> str:
    """Readable text of a stored answer. `choices`, when given, are the item's (the
    answer path read them with the item); else `item.choices` (prefetch them for lists)."""
    if item.kind not in CHOICE_KINDS:
        return "" if answer is None else str(answer)
    keys = answer if isinstance(answer, list) else [answer]
    given = choice_specs(item) if choices is None else choices
    texts = {choice.key: strip_tags(choice.text) for choice in given}
    return " / ".join(texts.get(str(key), str(key)) for key in keys) or "(nothing chosen)"


def correct_answer(item: GradableItem, choices: Sequence[ChoiceSpec] | None = None) -> str:
    """A right answer in words. `choices` as in `describe_answer`."""
    if item.kind in CHOICE_KINDS:
        given = choice_specs(item) if choices is None else choices
        return " / ".join(strip_tags(c.text) for c in given if c.is_correct)
    if item.numeric_answer is not None:
        return format(item.numeric_answer.normalize(), "f")
    return item.accepted_answers[0] if item.accepted_answers else ""


@dataclass(frozen=True)
class ChoiceMark:
    """One choice of a choice item as the feedback marks it, in words (not colour only)."""

    text: str
    chosen: bool
    is_correct: bool
    verdict: str


def choice_marks(
    item: GradableItem, answer: Any, *, reveal: bool, choices: Sequence[ChoiceSpec] | None = None
) -> list[ChoiceMark]:
    """Each choice marked right or wrong. The student's own choices are always marked;
    the right choices they left out are named only with `reveal` (no second try left),
    so a second try is still a try. `choices` as in `describe_answer`."""
    if item.kind not in CHOICE_KINDS:
        return []
    chosen = {str(key) for key in (answer if isinstance(answer, list) else [answer])}
    marks = []
    for choice in choice_specs(item) if choices is None else choices:
        picked = choice.key in chosen
        if picked:
            verdict = (
                gettext("You chose this: right.")
                if choice.is_correct
                else gettext("You chose this: wrong.")
            )
        elif reveal and choice.is_correct:
            verdict = gettext("Not chosen, but it is right: it should be chosen too.")
        elif reveal:
            verdict = gettext("Not chosen: right to leave out.")
        else:
            verdict = gettext("Not chosen.")
        marks.append(ChoiceMark(strip_tags(choice.text), picked, choice.is_correct, verdict))
    return marks
