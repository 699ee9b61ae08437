"""`{{ row.level|level_name }}`: a mastery level's name in the reader's language."""

from __future__ import annotations

from django import template

from learnloop.learning.level_names import level_name as _level_name

register = template.Library()


@register.filter
def level_name(level: object) -> str:
    return _level_name(level)
