"""A family chooses its language on the page, with the keyboard; Arabic reads right to left."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def test_a_guardian_switches_to_arabic_with_the_keyboard(page: Any, live_server: Any) -> None:
    world = build_world()
    sign_in(page, live_server.url, world.guardian.username)
    switcher = page.get_by_label("Language")
    switcher.focus()
    switcher.select_option("ar")
    page.keyboard.press("Tab")  # to "Change language"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    html = page.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("أطفالي")
    # Right to left: the brand sits at the right edge, the account at the left.
    width = page.viewport_size["width"]
    brand = page.get_by_role("link", name="الصفحة الرئيسية لـ LearnLoop").bounding_box()
    assert brand is not None and brand["x"] > width / 2
    screenshot(page, "rtl-guardian-home")
    # The choice belongs to the account: Spanish next, then the sign-in page keeps it.
    page.get_by_label("اللغة").select_option("es")
    with page.expect_navigation():
        page.get_by_role("button", name="تغيير اللغة").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mis hijos")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    screenshot(page, "es-guardian-home")
