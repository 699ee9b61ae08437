"""The main navigation on a phone (390 px) and on a desktop, in English and Spanish: on a
phone one "Menu" disclosure (details/summary, no script) that a keyboard opens, holding
every link with whole words and no sideways scrolling; on a desktop the links in sight."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.testing.browser import broken_words, screenshot, scrolls_sideways, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser

WORDS = {
    "en": {"nav": "Main", "menu": "Menu", "people": "People", "heading": "People"},
    "es": {"nav": "Principal", "menu": "Menú", "people": "Personas", "heading": "Personas"},
}


def focused(page: Any) -> str:
    return str(page.evaluate("() => document.activeElement.textContent.trim()"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_phone_menu_opens_by_keyboard_and_fits(
    phone_page: Any, live_server: Any, language: str
) -> None:
    world = build_world()
    world.admin.language = language
    world.admin.save(update_fields=["language"])
    words = WORDS[language]
    page = phone_page
    sign_in(page, live_server.url, world.admin.username)
    nav = page.get_by_role("navigation", name=words["nav"])
    expect(nav).to_have_count(1)
    header = page.locator(".site-header").bounding_box()
    assert header is not None and header["height"] <= 64, header  # one row, menu closed
    expect(nav.get_by_role("link")).to_have_count(0)  # behind the menu until it opens
    assert scrolls_sideways(page) <= 1

    page.locator("body").focus()
    for _ in range(6):
        page.keyboard.press("Tab")
        if focused(page) == words["menu"]:
            break
    assert focused(page) == words["menu"]
    page.keyboard.press("Enter")
    links = nav.get_by_role("link")
    expect(links).to_have_count(9)  # every page a school admin has
    for box in (links.nth(i).bounding_box() for i in range(links.count())):
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert broken_words(page, ".nav-menu") == []
    assert scrolls_sideways(page) <= 1
    screenshot(page, f"nav-phone-menu-open-{language}")

    page.keyboard.press("Tab")  # the first link, then the second: People
    page.keyboard.press("Tab")
    assert focused(page) == words["people"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["heading"])
    expect(nav.get_by_role("link")).to_have_count(0)  # a new page starts with the menu closed
    assert scrolls_sideways(page) <= 1


def test_the_desktop_keeps_the_links_in_sight(page: Any, live_server: Any) -> None:
    world = build_world()
    sign_in(page, live_server.url, world.admin.username)
    nav = page.get_by_role("navigation", name="Main")
    expect(page.locator(".nav-menu summary")).not_to_be_visible()
    expect(nav.get_by_role("link")).to_have_count(9)
    expect(nav.get_by_role("link", name="People")).to_be_visible()
    nav.get_by_role("link", name="People").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
