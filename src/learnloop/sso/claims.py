"""Reading an identity provider's claims leniently: a text claim is text, whatever the IdP sent.

Identity providers bend the claims they send (a number for an id, a one-item list for a name,
an object where a string belongs). LearnLoop takes the meaning where it is clear and nothing
where it is not: an odd value never becomes a name such as "{'a': 1}" or matches a person.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

MAX_CLAIM_LENGTH = 256


def claim_text(claims: Mapping[str, Any], name: str) -> str:
    """The claim as stripped text: a string, a whole number, or a list holding one of them."""
    value = claims.get(name)
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):  # a JSON true is no id and no name
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()[:MAX_CLAIM_LENGTH]
    return ""
