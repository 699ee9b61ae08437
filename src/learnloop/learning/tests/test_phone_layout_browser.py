"""The student's pages fit a phone's width even when a standard's code is one long word."""

from __future__ import annotations

from typing import Any

import pytest

from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser
# An OATutor skill becomes a standard coded by its name (docs/content.md).
LONG_CODE = "solve_equations_using_the_division_and_multiplication_properties_of_equality"


def test_my_learning_never_scrolls_sideways_on_a_phone(phone_page: Any, live_server: Any) -> None:
    forget_cached_model()
    world = build_world()
    lw = learning_world(world)
    standard = lw.standards["6.RP.A.2"]
    standard.code = LONG_CODE
    standard.save(update_fields=["code"])
    sign_in(phone_page, live_server.url, world.student.username)
    phone_page.goto(live_server.url + "/")
    assert LONG_CODE in phone_page.locator("main").inner_text()
    screenshot(phone_page, "student-my-learning-long-code-phone")
    widths = phone_page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]}px wide on a {widths[1]}px screen"
