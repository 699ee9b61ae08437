"""`{{ option.reason|reason_text }}`: a next step's reason in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import pgettext

from learnloop.learning.reasons import reason_text as _reason_text

register = template.Library()


@register.filter
def reason_text(reason: object) -> str:
    return _reason_text(reason)


# The choice board's kinds of next step (engine.recommend.inputs), as the card's label.
BOARD_KINDS = {
    "assignment": lambda: pgettext("next step", "Assignment"),
    "action": lambda: pgettext("next step", "Action"),
    "review": lambda: pgettext("next step", "Review"),
    "practice": lambda: pgettext("next step", "Practice"),
    "lesson": lambda: pgettext("next step", "Lesson"),
    "project": lambda: pgettext("next step", "Project"),
    "stretch": lambda: pgettext("next step", "Stretch"),
    "explore": lambda: pgettext("next step", "Explore"),
}


@register.filter
def board_kind(kind: str) -> str:
    """`{{ option.kind|board_kind }}`: "practice" as the reader reads it ("Práctica")."""
    label = BOARD_KINDS.get(kind)
    return label() if label is not None else kind.capitalize()


@register.filter
def reason_for_family(reason: object, student: object) -> str:
    """`{{ option.reason|reason_for_family:report.student }}`: told to the family."""
    name = getattr(student, "first_name", "") or getattr(student, "name", "")
    return _reason_text(reason, about=str(name))
