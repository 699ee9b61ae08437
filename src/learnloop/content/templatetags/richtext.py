"""`{% load richtext %}`: `{{ item.stem|plaintext }}` reads an HTML stem as words."""

from __future__ import annotations

from django import template

from learnloop.content.richtext import plain_text

register = template.Library()


@register.filter(name="plaintext")
def plaintext(fragment: str | None) -> str:
    """The words of an HTML fragment, blocks separated by a space (unlike `striptags`)."""
    return plain_text(fragment or "")
