"""`{% teacher_guide "groups" %}`: a teacher view's one-sentence guide and its how-to link."""

from __future__ import annotations

from django import template

from learnloop.teaching.guide import GUIDES, Guide

register = template.Library()


@register.inclusion_tag("teaching/_guide.html")
def teacher_guide(name: str) -> dict[str, Guide]:
    return {"guide": GUIDES[name]}
