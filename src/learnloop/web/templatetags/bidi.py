"""`{{ standard.code|ltr }}` and `{% forward_arrow %}`: right to left done right.

A code shown inside other text (a list, a sentence, a heading) takes `|ltr`; a code
that is an element of its own may take `class="code"` instead. An arrow that says "then"
in text that cannot carry CSS (an e-mail) takes `{% forward_arrow %}`; on the site it is
`<span class="arrow-forward">→</span>`, mirrored by the stylesheet.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from learnloop.core.bidi import forward_arrow as _forward_arrow
from learnloop.core.bidi import ltr_html, ltr_text

register = template.Library()


@register.filter
def ltr(value: object) -> SafeString:
    return ltr_html(value)


@register.filter
def ltr_list(values: Iterable[object]) -> SafeString:
    """Several codes or names in a sentence: each its own left-to-right island, joined by
    the active language's list comma ("6.RP.A.1, 6.RP.A.2"; in Arabic "،"). A standard
    (anything with a `label`) is named by its label (standards/naming.py)."""
    comma = pgettext("list separator", ", ")
    names = (getattr(value, "label", value) for value in values)
    return SafeString(conditional_escape(comma).join(ltr_html(name) for name in names))


@register.filter
def ltr_plain(value: object) -> str:
    """For plain text (an e-mail's text part): Unicode isolates, only right to left."""
    return ltr_text(value)


@register.simple_tag
def forward_arrow() -> str:
    return _forward_arrow()
