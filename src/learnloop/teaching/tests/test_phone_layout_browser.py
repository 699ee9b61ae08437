"""The groups page fits a phone's width even when a standard's code is one long word."""

from __future__ import annotations

from typing import Any

import pytest

from learnloop.learning.tests.test_phone_layout_browser import assert_fits, world_with_a_long_code
from learnloop.testing.browser import sign_in

pytestmark = pytest.mark.browser


def test_a_teachers_groups_page_never_scrolls_sideways_on_a_phone(
    phone_page: Any, live_server: Any
) -> None:
    world, _ = world_with_a_long_code()
    sign_in(phone_page, live_server.url, world.teacher.username)
    path = f"/teaching/classes/{world.classroom.pk}/groups/"
    assert_fits(phone_page, path, "long-code-groups-phone")
