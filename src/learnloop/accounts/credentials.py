"""New sign-in details for people a teacher or the office adds: a username made from the
name, and a first password that is easy to read aloud and copy from a printed card."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Set

from learnloop.accounts.models import User
from learnloop.accounts.usernames import username_skeleton

CONSONANTS = "bdfghjkmnprstvz"  # no c/q/x/l/w/y: nothing to misread or mishear
VOWELS = "aeiou"
MAX_USERNAME = 150


def new_password() -> str:
    """e.g. "tavo-rime-42": three syllable pairs are 15^4*5^4 each, about 2^41 in all."""

    def chunk() -> str:
        return "".join(secrets.choice(CONSONANTS) + secrets.choice(VOWELS) for _ in range(2))

    return f"{chunk()}-{chunk()}-{secrets.randbelow(90) + 10}"


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", folded)


def suggest_username(first_name: str, last_name: str, *, taken: Set[str] = frozenset()) -> str:
    """ "first.last" in plain letters, with a number added until it is free: unused, and
    not looking like anyone's (the confusables skeleton), nor like a name in `taken`
    (usernames already chosen in the same batch, by skeleton)."""
    parts = [p for p in (_ascii_slug(first_name), _ascii_slug(last_name)) if p]
    base = ".".join(parts)[: MAX_USERNAME - 4] or "student"
    candidate, n = base, 1
    while (
        username_skeleton(candidate) in taken
        or User.objects.filter(username_skeleton=username_skeleton(candidate)).exists()
        or User.objects.filter(username__iexact=candidate).exists()
    ):
        n += 1
        candidate = f"{base}{n}"
    return candidate
