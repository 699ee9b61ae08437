"""`{% load math %}{% math_assets %}`: typeset LaTeX with KaTeX and offer the math keys.

KaTeX is served by the app itself from `static/<LEARNLOOP_KATEX_STATIC>/` (default
`vendor/katex`, filled by `make install` from npm; never a CDN). When those files are
absent the tags for them are left out, so pages still work and show the raw LaTeX; the
math keys (plain JavaScript of our own) are always offered.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

DEFAULT_KATEX_STATIC = "vendor/katex"


def katex_folder() -> str:
    return str(getattr(settings, "LEARNLOOP_KATEX_STATIC", DEFAULT_KATEX_STATIC)).strip("/")


@lru_cache(maxsize=8)
def katex_urls(folder: str) -> tuple[str, str] | None:
    """KaTeX's style and script URLs, or None when they are not installed (or collected)."""
    names = (f"{folder}/katex.min.css", f"{folder}/katex.min.js")
    if not all(finders.find(name) or staticfiles_storage.exists(name) for name in names):
        return None
    try:
        return static(names[0]), static(names[1])
    except ValueError:  # in the source tree but missing from the collected manifest
        return None


@register.simple_tag
def math_assets() -> SafeString:
    styles = [static("content/math.css")]
    scripts = [static("content/math_keys.js")]
    katex = katex_urls(katex_folder())
    if katex is not None:
        styles.insert(0, katex[0])
        scripts += [katex[1], static("content/math.js")]
    links = format_html_join("", '<link rel="stylesheet" href="{}">', ((s,) for s in styles))
    tags = format_html_join("", '<script src="{}" defer></script>', ((s,) for s in scripts))
    return format_html("{}{}", links, tags)
