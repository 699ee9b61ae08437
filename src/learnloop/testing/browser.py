"""Browser-test fixtures: Playwright driving Debian's Chromium against a live server.

Use the `page` fixture (a fresh, signed-out page) and `sign_in(page, live_server, user)`.
Screenshots go to test-artifacts/screenshots/ so people can look at them. Every page either
fixture loads is scanned with axe-core at WCAG 2.1 AA (learnloop.testing.axe): a violation
fails the test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from learnloop.testing.axe import watch
from learnloop.testing.chromium import CHROMIUM, CHROMIUM_ARGS
from learnloop.testing.world import PASSWORD

# A fake camera and microphone that need no prompt, for the portfolio's recorders.
FAKE_MEDIA_ARGS = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
SCREENSHOTS = Path(os.environ.get("LEARNLOOP_ARTIFACTS", "test-artifacts")) / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make browser-deps installs Debian's)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # live server makes happen in its own thread, so this is safe for tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *FAKE_MEDIA_ARGS]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, transactional_db: None) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield from scanned_page(context)


def scanned_page(context: Any) -> Iterator[Any]:
    """A page whose every loaded document is scanned by axe-core; violations fail the test."""
    new_page = context.new_page()
    new_page.set_default_timeout(10_000)
    watcher = watch(new_page)
    yield new_page
    if not new_page.is_closed():
        watcher.finish(new_page)
    context.close()
    if watcher.violations:
        pytest.fail(watcher.report(), pytrace=False)


@pytest.fixture
def phone_page(browser: Any, transactional_db: None) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    yield from scanned_page(context)


def sign_in(page: Any, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    # Wait for the form's navigation itself: a load state read right after the click can
    # still be the sign-in page's, and a `goto` then aborts the redirect to the home page.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    if page.get_by_text("That sign-in page had expired").count():
        # A page left behind (its offline app fetching in the background) can answer after
        # the cookies were cleared and replace the form's CSRF cookie; the sign-in page
        # then says so and asks again, as it would a person (web.errors.csrf_failure).
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("networkidle")


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# Every word (a run of characters other than spaces and hyphens) in the visible text
# under the elements a selector matches whose characters lie on more than one line: a
# word broken mid-word ("Nuev/a contr/aseñ/a"). A Range over one word gives one client
# rect per line it sits on.
_BROKEN_WORDS = """(elements) => {
  const broken = [];
  for (const element of elements) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.visually-hidden')) continue;
      const words = /[^\\s-]+/g;  // a hyphen is a fair place to break
      for (let match = words.exec(node.data); match; match = words.exec(node.data)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()]
          .filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def broken_words(page: Any, selector: str) -> list[str]:
    """The words under `selector` that the layout broke across lines."""
    return list(page.locator(selector).evaluate_all(_BROKEN_WORDS))


def scrolls_sideways(page: Any) -> int:
    """How many pixels the page itself scrolls sideways (0 when it fits)."""
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def open_menu(page: Any) -> None:
    """Open the main navigation's "Menu" disclosure where it shows (a phone); wide
    screens show the links directly, and this does nothing there."""
    menu = page.locator(".nav-menu")
    if menu.is_visible() and menu.get_attribute("open") is None:
        menu.locator("summary").click()
