"""Sanitize author-supplied rich text before it is stored.

Teachers, QTI packages and generators all write HTML that students will see, so every
write path goes through `sanitize_html`: an allow-list of formatting tags (nh3, the
ammonia sanitizer), no scripts, no event handlers, no style, links only to http(s)
and mailto, and images only by URL.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "b", "em", "i", "u", "sub", "sup", "small", "span", "div",
        "ul", "ol", "li", "blockquote", "code", "pre", "h3", "h4", "h5", "hr",
        "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "img",
        "figure", "figcaption", "dl", "dt", "dd",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_html(html: str) -> str:
    """Allow-listed HTML; anything else (scripts, handlers, styles) is removed."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
    ).strip()


# A block-level tag or a line break separates words: "<p>a</p><p>b</p>" reads "a b".
_BLOCK_BOUNDARY = re.compile(
    r"<\s*(?:br|/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|figure|figcaption))\b[^>]*>",
    re.IGNORECASE,
)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, for list previews and search."""
    spaced = _BLOCK_BOUNDARY.sub(lambda tag: " " + tag.group(0), fragment or "")
    return " ".join(html.unescape(nh3.clean(spaced, tags=set())).split())
