"""Where to go back to after a POST: a path on this site named by the page, or a fallback."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(value: str, fallback: str) -> str:
    """`value` when it is a path on this site (no scheme, no host), else `fallback`."""
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=set()):
        return value
    return fallback
