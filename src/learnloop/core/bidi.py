"""Left-to-right islands in right-to-left text: standard codes and arrows.

A standard's code ("6.RP.A.1") reads left to right in every language. Inside an Arabic
sentence the bidi algorithm otherwise moves its leading number to the end ("RP.A.1.6").
In HTML the code sits in `<bdi dir="ltr">` (`ltr_html`, the `|ltr` filter); in text made
in Python (a reason on the choice board, an e-mail's plain part) it sits between the
Unicode isolates LRI and PDI, each side marked LRM (`ltr_text`), added only when the
active language is right to left, so English and Spanish strings stay exactly as written.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language_bidi

LEFT_TO_RIGHT_MARK = "\u200e"
LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def ltr_text(value: object) -> str:
    """`value` as a left-to-right island in plain text of the active language.

    The isolate keeps the code's own order; the LEFT-TO-RIGHT MARKs on either side make
    the island a strong left-to-right word to its neighbours, so that in an English
    sentence shown for want of its Arabic it stays in the sentence's run instead of
    jumping, at the sentence's end, to the far side of the line."""
    if not get_language_bidi():
        return str(value)
    return (
        f"{LEFT_TO_RIGHT_MARK}{LEFT_TO_RIGHT_ISOLATE}{value}"
        f"{POP_DIRECTIONAL_ISOLATE}{LEFT_TO_RIGHT_MARK}"
    )


def ltr_html(value: object) -> SafeString:
    """`value`, escaped, as a left-to-right island in HTML (`<bdi dir="ltr">`)."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


def forward_arrow() -> str:
    """An arrow pointing the way the active language reads: → or, right to left, ←."""
    return "\u2190" if get_language_bidi() else "\u2192"
