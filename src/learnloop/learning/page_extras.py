"""Cards other apps add to the student's pages (goals, self-assessment, help), and to the
teacher's home page (the goals inbox).

An app registers a provider for a page name in its AppConfig.ready(); a provider takes
keyword arguments (student, and standard on the standard page; teacher on "teacher_home")
and returns context entries that the page's template knows how to show. The learning and
web apps never import those apps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

Provider = Callable[..., dict[str, Any]]
PAGE_EXTRAS: dict[str, list[Provider]] = defaultdict(list)


def register(page: str, provider: Provider) -> None:
    if provider not in PAGE_EXTRAS[page]:
        PAGE_EXTRAS[page].append(provider)


def extras_for(page: str, **kwargs: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in PAGE_EXTRAS[page]:
        context.update(provider(**kwargs))
    return context
