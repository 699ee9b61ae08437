"""Pages fit a phone's width even when a standard's code is one long word.

A package may bring a long code with no space in it (an OATutor skill name is one too, but
pages show it in words: standards/naming.py), and a grid or flex column, or a fieldset,
grows to its longest word unless told it may wrap.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import PracticeSession
from learnloop.learning.tests.fixtures import client_for, learning_world, practice_url
from learnloop.learning.tests.test_practice_session import answer
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import World, build_world

pytestmark = pytest.mark.browser
# The outermost elements that stick out past the screen's right edge, for the message.
WIDEST = """() => [...document.querySelectorAll('main *')].filter(el => {
  const edge = document.documentElement.clientWidth;
  return el.getBoundingClientRect().right > edge + 1
    && el.parentElement.getBoundingClientRect().right <= edge + 1;
}).slice(0, 5).map(el => `${el.tagName}.${el.className}`)"""
LONG_CODE = "CCSS.Math.Content.6.RP.A.2.SolveEquationsUsingDivisionAndMultiplicationOfEquality"


def world_with_a_long_code() -> tuple[World, str]:
    forget_cached_model()
    world = build_world()
    lw = learning_world(world)
    standard = lw.standards["6.RP.A.2"]
    standard.code = LONG_CODE
    standard.save(update_fields=["code"])
    return world, practice_url(lw)


def assert_fits(page: Any, path: str, name: str) -> None:
    page.goto(page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + path)
    page.wait_for_load_state("networkidle")
    expect(page.locator("main"), path).to_contain_text(LONG_CODE)
    screenshot(page, name)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    wide = page.evaluate(WIDEST) if widths[0] > widths[1] else []
    assert widths[0] <= widths[1], f"{path} is {widths[0]}px wide on a {widths[1]}px screen: {wide}"


def test_a_students_pages_never_scroll_sideways_on_a_phone(
    phone_page: Any, live_server: Any
) -> None:
    world, practice = world_with_a_long_code()
    sign_in(phone_page, live_server.url, world.student.username)
    assert_fits(phone_page, "/", "long-code-my-learning-phone")
    # learning.css draws a triangle on the page's disclosures, not on the header's Menu
    menu_marker = phone_page.evaluate(
        "() => getComputedStyle(document.querySelector('.nav-menu > summary'), '::before').content"
    )
    assert menu_marker in ("none", "normal")
    assert_fits(phone_page, practice, "long-code-practice-help-topics-phone")
    assert_fits(phone_page, f"/gradebook/students/{world.student.pk}/", "long-code-levels-phone")


def test_a_routed_summarys_level_words_stay_whole_on_a_phone(
    phone_page: Any, live_server: Any
) -> None:
    forget_cached_model()
    world = build_world()
    lw = learning_world(world)
    client = client_for(world.student)
    for _ in range(6):  # three items, each missed on both tries: the session is routed
        if "See how this session went" in answer(client, world, lw, right=False):
            break
    session = PracticeSession.objects.get(student=world.student)
    sign_in(phone_page, live_server.url, world.student.username)
    phone_page.goto(f"{live_server.url}/learn/practice/{session.pk}/summary/")
    screenshot(phone_page, "routed-summary-phone")
    # "Practicing", "Not started" and "(no change)" never break mid-word ("Practi/cing")
    broken = phone_page.evaluate(
        """() => [...document.querySelectorAll('.session-summary td')].filter(cell =>
          [...cell.querySelectorAll('*'), cell].some(el => el.innerText && el.innerText.trim()
            .split(/\\s+/).some(word => {
              const range = document.createRange();
              const node = [...el.childNodes].find(n => n.nodeType === 3 && n.data.includes(word));
              if (!node) return false;
              const start = node.data.indexOf(word);
              range.setStart(node, start);
              range.setEnd(node, start + word.length);
              return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
            }))).map(cell => cell.innerText)"""
    )
    assert broken == []
