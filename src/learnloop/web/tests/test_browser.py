"""Each role signs in through a real browser and lands on its own home page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser

HOMES = [
    ("student", "My learning"),
    ("teacher", "My classes"),
    ("guardian", "My children"),
    ("admin", "School overview"),
]


@pytest.mark.parametrize(("role", "heading"), HOMES)
def test_each_role_signs_in_to_its_home(
    page: Any, live_server: Any, role: str, heading: str
) -> None:
    world = build_world()
    user = world.user(role)
    assert user is not None
    sign_in(page, live_server.url, user.username)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    screenshot(page, f"home-{role}")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to LearnLoop")


def test_wrong_password_is_explained(page: Any, live_server: Any) -> None:
    world = build_world()
    sign_in(page, live_server.url, world.student.username, password="not-it")
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    screenshot(page, "sign-in-error")


def test_teacher_home_on_a_phone(phone_page: Any, live_server: Any) -> None:
    world = build_world()
    sign_in(phone_page, live_server.url, world.teacher.username)
    expect(phone_page.get_by_role("link", name="Math A")).to_be_visible()
    screenshot(phone_page, "home-teacher-phone")
