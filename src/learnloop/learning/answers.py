"""An answer as the student saw it: choice texts rather than choice keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import strip_tags

from learnloop.content.grading import ChoiceSpec
from learnloop.content.grading_adapter import choice_specs
from learnloop.content.models import CHOICE_KINDS, Item


def describe_answer(item: Item, answer: Any, choices: Sequence[ChoiceSpec] | None = None) -> str:
    """Readable text of a stored answer. `choices`, when given, are the item's (the
    answer path read them with the item); else `item.choices` (prefetch them for lists)."""
    if item.kind not in CHOICE_KINDS:
        return "" if answer is None else str(answer)
    keys = answer if isinstance(answer, list) else [answer]
    given = choice_specs(item) if choices is None else choices
    texts = {choice.key: strip_tags(choice.text) for choice in given}
    return " / ".join(texts.get(str(key), str(key)) for key in keys) or "(nothing chosen)"


def correct_answer(item: Item) -> str:
    if item.kind in CHOICE_KINDS:
        return " / ".join(strip_tags(c.text) for c in item.choices.all() if c.is_correct)
    if item.numeric_answer is not None:
        return format(item.numeric_answer.normalize(), "f")
    return item.accepted_answers[0] if item.accepted_answers else ""
