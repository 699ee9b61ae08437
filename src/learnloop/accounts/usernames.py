"""Usernames that look like an existing one are refused.

A username spelled with a Cyrillic "a" (U+0430) where another has a Latin "a" looks the same on
every screen, so a student could pose as a classmate in a conference list or a guardian
link. Each username is reduced to a *skeleton* in the manner of Unicode TS #39: NFKC,
case-folded, then every character replaced by one representative of its set of
confusable characters (Unicode's confusables data, shipped by the confusable-homoglyphs
package). Two usernames with the same skeleton are confusable; the skeleton is
stored on the user (indexed), so the check is one indexed lookup.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from confusable_homoglyphs import confusables
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from learnloop.accounts.models import User

DIRECTION_MARKS = "\u200e\u200f"


@lru_cache(maxsize=1)
def _representatives() -> dict[str, str]:
    """Each confusable character mapped to the smallest member of its set (ASCII first)."""
    parent: dict[str, str] = {}

    def find(char: str) -> str:
        root = char
        while parent.get(root, root) != root:
            root = parent[root]
        parent[char] = root
        return root

    def union(a: str, b: str) -> None:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            low, high = sorted((root_a, root_b), key=ord)
            parent[high] = low

    for char, homoglyphs in confusables.confusables_data.items():
        char = char.strip(DIRECTION_MARKS)
        if len(char) != 1:
            continue
        parent.setdefault(char, char)
        for entry in homoglyphs:
            other = entry["c"].strip(DIRECTION_MARKS)
            if len(other) == 1:
                parent.setdefault(other, other)
                union(char, other)
    return {char: find(char) for char in parent}


def username_skeleton(username: str) -> str:
    """What `username` looks like: equal skeletons mean confusable usernames."""
    representatives = _representatives()
    # Case first: "Sam" and "sam" are one name to a reader, and folding after mapping would
    # split "I" (which looks like "l") from "i".
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", username).casefold())
    return "".join(representatives.get(char, char) for char in folded)


def confusable_username(username: str, *, exclude_pk: int | None = None) -> str | None:
    """The existing username `username` would be confused with, if any."""
    others = User.objects.filter(username_skeleton=username_skeleton(username))
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exclude(username=username).values_list("username", flat=True).first()


def refuse_confusable_username(username: str, *, exclude_pk: int | None = None) -> None:
    """Raise ValidationError (on `username`) when it looks like another person's."""
    existing = confusable_username(username, exclude_pk=exclude_pk)
    if existing is not None:
        raise ValidationError(
            {
                "username": ValidationError(
                    gettext(
                        "This username looks the same as an existing one: "
                        "choose one that reads differently."
                    ),
                    code="confusable_username",
                )
            }
        )
