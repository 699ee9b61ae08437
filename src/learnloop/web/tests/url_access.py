"""Who may open which web URL. Every app keeps such a table in tests/url_access.py.

Each entry maps a URL name to an Expectation: how to build the URL's arguments from
the test World, which roles are allowed, and the HTTP method. test_url_access fails
for any URL of the project that no table names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from learnloop.testing.world import World

EVERYONE = frozenset(
    {
        "anonymous",
        "student",
        "other_student",
        "teacher",
        "other_teacher",
        "guardian",
        "other_guardian",
        "admin",
    }
)
SIGNED_IN = EVERYONE - {"anonymous"}


@dataclass(frozen=True)
class Expectation:
    allowed: frozenset[str]
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    method: str = "get"
    data: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    raw_url: Callable[[World], str] | None = None  # for unnamed patterns, not reversible
    json: bool = False  # send `data` as a JSON body


EXPECTATIONS: dict[str, Expectation] = {
    "home": Expectation(SIGNED_IN),
    "healthz": Expectation(EVERYONE),
    "openapi": Expectation(EVERYONE),
    "web_manifest": Expectation(EVERYONE),
    "service_worker": Expectation(EVERYONE),
    "choose_language": Expectation(
        EVERYONE, method="post", data=lambda world: {"language": "es", "next": "/"}
    ),
    "javascript_catalog": Expectation(EVERYONE),
}
