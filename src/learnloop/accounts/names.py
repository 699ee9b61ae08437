"""People's names as stored: whatever a person typed, pasted or a roster sent."""

from __future__ import annotations

# Invisible characters that can hide a name or flip the text shown around it: zero-width
# space, word joiner, BOM, and the bidi embeddings, overrides and isolates. Joiners
# (U+200C/U+200D) stay: Persian, Indic scripts and emoji need them.
INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def clean_name(text: str) -> str:
    """`text` without invisible or direction-flipping characters, spaces collapsed."""
    return " ".join(text.translate(INVISIBLE).split())
