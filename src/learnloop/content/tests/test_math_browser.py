"""Math in a real browser: KaTeX typesets imported LaTeX under the CSP; the math keys type.

Needs KaTeX installed (`make install` or `make assets`); skips with that advice otherwise.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.content.models import Item, Source
from learnloop.content.oatutor_import import import_oatutor
from learnloop.content.templatetags.math import DEFAULT_KATEX_STATIC, katex_urls
from learnloop.content.tests.test_math_views import math_practice
from learnloop.content.tests.test_oatutor import POOL
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        katex_urls(DEFAULT_KATEX_STATIC) is None,
        reason="KaTeX is not installed: run `make assets`",
    ),
]


def watch(page: Any) -> list[str]:
    """Policy violations, failed requests and error responses, as they happen."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    # A request the browser cancels because the page is left (net::ERR_ABORTED: the
    # offline app's background fetch of My learning when the test moves on) is not a
    # failure; anything else (refused, blocked by the CSP) is.
    page.on(
        "requestfailed",
        lambda request: (
            None
            if request.failure == "net::ERR_ABORTED"
            else problems.append(f"failed: {request.url} ({request.failure})")
        ),
    )
    page.on(
        "response",
        lambda reply: (
            problems.append(f"{reply.status}: {reply.url}") if reply.status >= 400 else None
        ),
    )
    return problems


def test_an_imported_item_typesets_and_its_answer_is_typed_with_the_math_keys(
    phone_page: Any, live_server: Any
) -> None:
    world = build_world()
    import_oatutor(path=POOL, courses=["Made-up Fractions"])
    item = Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracAdd1")
    page = phone_page
    problems = watch(page)
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/content/items/{item.pk}/")
    page.wait_for_load_state("networkidle")

    stem = page.locator(".stem")
    expect(stem.locator(".katex")).to_have_count(1)
    expect(stem).not_to_contain_text("$$")
    expect(stem.locator("annotation").first).to_have_text("\\frac{1}{2}+\\frac{1}{4}")
    hints = page.locator("details").filter(has_text="Hints")
    hints.locator("summary").click()
    expect(hints.locator(".katex").first).to_be_attached()  # $$4$$
    steps = page.locator("details.scaffolds")
    steps.locator("summary").click()
    expect(steps.locator(".katex").first).to_be_attached()  # the scaffold's fraction
    solution = page.locator("details.solution")
    solution.locator("summary").click()
    expect(solution.locator(".katex").first).to_be_attached()  # the answer reveal

    box = page.get_by_label("Your answer")
    page.get_by_role("group", name="Math keys").get_by_role("button", name="Fraction").click()
    assert box.input_value() == "()/()"
    page.keyboard.type("3")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.type("4")
    assert box.input_value() == "(3)/(4)"
    screenshot(page, "math-preview-keys-phone")
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".result strong")).to_have_text("Correct")
    assert problems == []


def test_practice_hint_and_feedback_typeset_and_the_keys_work_from_the_keyboard(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    activity = math_practice(world)
    problems = watch(page)
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/activities/{activity.pk}/practice/")
    page.wait_for_load_state("networkidle")
    expect(page.locator(".item-stem .katex")).to_have_count(2)  # $$...$$ and \(...\)
    page.get_by_role("button", name="I'd like a hint").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".hint .katex")).to_have_count(1)

    box = page.get_by_label("Your answer")
    box.fill("3")
    keys = page.get_by_role("group", name="Math keys")
    keys.get_by_role("button", name="Open bracket").focus()
    page.keyboard.press("Enter")
    assert box.evaluate("input => input === document.activeElement")
    page.keyboard.type("x-2")
    keys.get_by_role("button", name="Close bracket").focus()
    page.keyboard.press("Space")
    assert box.input_value() == "3(x-2)"
    page.get_by_role("button", name="Check my answer").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct!")
    expect(page.locator(".solution .katex")).to_have_count(1)
    screenshot(page, "math-feedback")
    assert problems == []
