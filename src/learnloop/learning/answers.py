"""An answer as the student saw it: choice texts rather than choice keys."""

from __future__ import annotations

from typing import Any

from django.utils.html import strip_tags

from learnloop.content.models import CHOICE_KINDS, Item


def describe_answer(item: Item, answer: Any) -> str:
    """Readable text of a stored answer; uses item.choices (prefetch them for lists)."""
    if item.kind not in CHOICE_KINDS:
        return "" if answer is None else str(answer)
    keys = answer if isinstance(answer, list) else [answer]
    texts = {choice.identifier: strip_tags(choice.text) for choice in item.choices.all()}
    return " / ".join(texts.get(str(key), str(key)) for key in keys) or "(nothing chosen)"


def correct_answer(item: Item) -> str:
    if item.kind in CHOICE_KINDS:
        return " / ".join(strip_tags(c.text) for c in item.choices.all() if c.is_correct)
    if item.numeric_answer is not None:
        return format(item.numeric_answer.normalize(), "f")
    return item.accepted_answers[0] if item.accepted_answers else ""
