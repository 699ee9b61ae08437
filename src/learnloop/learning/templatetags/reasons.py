"""`{{ option.reason|reason_text }}`: a next step's reason in the reader's language."""

from __future__ import annotations

from django import template

from learnloop.learning.reasons import reason_text as _reason_text

register = template.Library()


@register.filter
def reason_text(reason: object) -> str:
    return _reason_text(reason)


@register.filter
def reason_for_family(reason: object, student: object) -> str:
    """`{{ option.reason|reason_for_family:report.student }}`: told to the family."""
    name = getattr(student, "first_name", "") or getattr(student, "name", "")
    return _reason_text(reason, about=str(name))
