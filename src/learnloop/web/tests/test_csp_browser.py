"""In a real browser, no page of any role's menu breaks the Content-Security-Policy.

(Back after signing out is not tested here: headless Chromium keeps no back-forward cache,
so it would pass with or without `no-store`; test_security_headers checks the header.)
"""

from __future__ import annotations

from typing import Any

import pytest

from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.browser import sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def watch_violations(page: Any) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda message: (
            seen.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return seen


@pytest.mark.parametrize("role", ["student", "teacher", "guardian", "admin"])
def test_every_menu_page_runs_under_the_policy(page: Any, live_server: Any, role: str) -> None:
    world = build_world()
    portfolio_world(world)
    violations = watch_violations(page)
    user = world.user(role)
    assert user is not None
    sign_in(page, live_server.url, user.username)
    links = page.locator("nav[aria-label='Main'] a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    extra = {"student": ["/portfolio/new/"], "guardian": [], "teacher": [], "admin": []}
    for href in dict.fromkeys([*links, *extra[role]]):  # the wide row and the phone menu
        response = page.goto(live_server.url + href)
        assert response is not None and response.status < 400, href
        page.wait_for_load_state("networkidle")
    assert violations == []
