"""Accessibility journeys in a real browser; axe-core scans every page they reach
(learnloop.testing.axe), so each test also fails on any WCAG 2.1 AA violation.

The Django admin's forms; keyboard-only journeys (a student answers, a teacher overrides a
level); the mastery grids as a screen reader reads them; pages at 200% zoom and 320 px
wide; the heatmap's last row at 800 px high; the phone's header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.accounts.models import User
from learnloop.content.models import Activity, ActivityKind, Item
from learnloop.demo.seed import seed_demo
from learnloop.gradebook.models import GradeOverride
from learnloop.learning.answers import correct_answer
from learnloop.learning.catalog import forget_catalogs
from learnloop.learning.engine_state import forget_cached_model
from learnloop.standards.models import Standard
from learnloop.testing.browser import open_menu, scanned_page, screenshot, sign_in
from learnloop.testing.world import PASSWORD, build_world

pytestmark = pytest.mark.browser
DEMO_PASSWORD = "learnloop"
CODE = "6.RP.A.1"


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        """() => { const e = document.activeElement;
        return {tag: e.tagName.toLowerCase(), type: e.type || '', name: e.name || '',
                text: (e.innerText || e.value || '').trim(), label: e.labels && e.labels[0]
                ? e.labels[0].innerText.trim() : ''}; }"""
    )


def tab_to(page: Any, wanted: Any, limit: int = 80) -> dict[str, str]:
    """Press Tab until the focused element satisfies `wanted`; fail if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError("keyboard focus never reached the control")


@pytest.fixture
def narrow_page(browser: Any, transactional_db: None) -> Iterator[Any]:
    """320 CSS px wide: WCAG's reflow width (1280 px at 400%)."""
    yield from scanned_page(browser.new_context(viewport={"width": 320, "height": 640}))


@pytest.fixture
def zoomed_page(browser: Any, transactional_db: None) -> Iterator[Any]:
    """A 1280 x 900 window at 200% zoom: 640 x 450 CSS px at two device pixels each."""
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    yield from scanned_page(context)


def test_the_admin_forms_pass_axe(page: Any, live_server: Any) -> None:
    world = build_world()
    User.objects.create_superuser(username="root_admin", password=PASSWORD, email="r@example.org")
    sign_in(page, live_server.url, "root_admin")
    for path in (
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        f"/admin/accounts/user/{world.student.pk}/change/",
        "/admin/schools/classroom/",
        f"/admin/schools/classroom/{world.classroom.pk}/change/",
    ):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path


def answer_with_keys(page: Any) -> None:
    item = Item.objects.prefetch_related("choices").get(
        pk=page.locator("input[name=item_id]").input_value()
    )
    tab_to(page, lambda f: f["name"] == "answer")
    if item.kind in ("numeric", "short_text"):
        page.keyboard.type(correct_answer(item))
    else:
        right = {c.identifier for c in item.choices.all() if c.is_correct}
        boxes = page.locator("input[name=answer]")
        values = boxes.evaluate_all("bs => bs.map(b => b.value)")
        radio = boxes.first.get_attribute("type") == "radio"
        for value in values:  # focus walks the choices in order
            if value in right:
                page.keyboard.press("Space")
                if radio:
                    break
            page.keyboard.press("ArrowDown" if radio else "Tab")
        for value in values:
            assert page.locator(f"input[name=answer][value='{value}']").is_checked() == (
                value in right
            )
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Check my answer")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_student_answers_with_the_keyboard_alone(page: Any, live_server: Any) -> None:
    forget_cached_model()
    seed_demo()
    sign_in(page, live_server.url, "maya", password=DEMO_PASSWORD)
    practice = Activity.objects.get(
        kind=ActivityKind.PRACTICE, standards__code=CODE, source="generated"
    )
    page.goto(f"{live_server.url}/learn/activities/{practice.pk}/practice/")
    answer_with_keys(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct!")
    tab_to(page, lambda f: f["text"] == "Next question")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("input[name=item_id]")).to_have_count(1)
    screenshot(page, "a11y-keyboard-answer")


def test_a_teacher_overrides_a_level_with_the_keyboard_alone(page: Any, live_server: Any) -> None:
    forget_cached_model()
    seed_demo()
    maya = User.objects.get(username="maya")
    standard = Standard.objects.get(code=CODE)
    sign_in(page, live_server.url, "rivera", password=DEMO_PASSWORD)
    page.goto(f"{live_server.url}/gradebook/students/{maya.pk}/standards/{standard.pk}/")
    tab_to(page, lambda f: f["label"] == "Level")
    page.keyboard.type("Familiar")
    tab_to(page, lambda f: f["label"].startswith("Reason"))
    page.keyboard.type("Explained unit rates to me at the board")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Set level")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    override = GradeOverride.objects.filter(student=maya, standard=standard).first()
    assert override is not None and override.reason == "Explained unit rates to me at the board"
    assert override.level == 2  # Familiar


def test_the_mastery_grids_read_names_and_levels(page: Any, live_server: Any) -> None:
    forget_cached_model()
    seed_demo()
    standard = Standard.objects.get(code=CODE)
    name = (standard.abbreviated_statement or standard.full_statement)[:40]
    sign_in(page, live_server.url, "maya", password=DEMO_PASSWORD)
    tile = page.get_by_role("link", name=re.compile(re.escape(CODE) + r"\b"))
    spoken = tile.first.evaluate("a => a.textContent.replace(/\\s+/g, ' ')")
    assert name in spoken and re.search(
        r"level: (Not started|Practicing|Familiar|Proficient|Mastered)", spoken
    )
    expect(tile.first.locator(".tile__name")).to_be_visible()  # the name is on screen, too
    page.get_by_text("What the levels mean").first.click()
    expect(page.get_by_text("Right more often than not", exact=False).first).to_be_visible()

    switch_user(page, live_server.url, "lin.chen")
    maya = User.objects.get(username="maya")
    page.goto(f"{live_server.url}/family/students/{maya.pk}/")
    item = page.locator(".mastery-map li", has_text=CODE).first
    expect(item).to_contain_text(name)
    expect(page.get_by_text("What the levels mean").first).to_be_attached()


def switch_user(page: Any, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, base_url, username, password=DEMO_PASSWORD)


def no_sideways_scroll(page: Any) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"{page.url} scrolls sideways by {overflow}px"


def test_pages_reflow_at_320_px_and_at_200_percent(
    narrow_page: Any, zoomed_page: Any, live_server: Any
) -> None:
    forget_cached_model()
    demo = seed_demo()
    maya = User.objects.get(username="maya")
    practice = Activity.objects.get(
        kind=ActivityKind.PRACTICE, standards__code=CODE, source="generated"
    )
    for view in (narrow_page, zoomed_page):
        sign_in(view, live_server.url, "maya", password=DEMO_PASSWORD)
        for path in ("/", f"/learn/activities/{practice.pk}/practice/", "/goals/", "/portfolio/"):
            view.goto(live_server.url + path)
            no_sideways_scroll(view)
            expect(view.get_by_role("heading", level=1)).to_be_visible()
        switch_user(view, live_server.url, "lin.chen")
        view.goto(f"{live_server.url}/family/students/{maya.pk}/")
        no_sideways_scroll(view)
    screenshot(narrow_page, "a11y-family-320px")
    switch_user(narrow_page, live_server.url, "rivera")
    narrow_page.goto(f"{live_server.url}/teaching/classes/{demo.classrooms[0].pk}/")
    no_sideways_scroll(narrow_page)  # the heatmap scrolls inside its own box


def test_the_heatmap_last_row_shows_at_800_px_high(browser: Any, live_server: Any) -> None:
    forget_cached_model()
    demo = seed_demo()
    for view in scanned_page(browser.new_context(viewport={"width": 1280, "height": 800})):
        sign_in(view, live_server.url, "rivera", password=DEMO_PASSWORD)
        view.goto(f"{live_server.url}/teaching/classes/{demo.classrooms[0].pk}/")
        wrap = view.locator(".heatmap-wrap")
        wrap.evaluate("w => { w.scrollTop = w.scrollHeight; }")
        view.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        last = view.locator(".heatmap tbody tr").last
        row, box = (
            last.bounding_box(),
            wrap.evaluate(
                "w => { const r = w.getBoundingClientRect();"
                " return {top: r.top, bottom: r.top + w.clientHeight}; }"
            ),
        )
        assert row is not None
        assert row["y"] >= box["top"] and row["y"] + row["height"] <= box["bottom"] + 1
        assert row["y"] + row["height"] <= 800
        screenshot(view, "a11y-heatmap-800px")


def test_heatmap_headers_tell_common_core_columns_apart(browser: Any, live_server: Any) -> None:
    """Codes that share "CCSS.Math.Content." head their columns by the part that differs;
    the full code is each header link's accessible name; the last row still shows."""
    forget_cached_model()
    demo = seed_demo()
    for standard in Standard.objects.exclude(code=""):
        standard.code = f"CCSS.Math.Content.{standard.code}"
        standard.save(update_fields=["code"])
    forget_catalogs()
    for view in scanned_page(browser.new_context(viewport={"width": 1280, "height": 800})):
        sign_in(view, live_server.url, "rivera", password=DEMO_PASSWORD)
        view.goto(f"{live_server.url}/teaching/classes/{demo.classrooms[0].pk}/")
        headers = view.locator(".heatmap thead th:not(.heatmap__name) a")
        shown = headers.evaluate_all(
            "links => links.map(a => [(a.querySelector('[aria-hidden]') || a).textContent.trim(),"
            " a.scrollHeight <= a.clientHeight + 1])"
        )
        assert shown and len({text for text, _ in shown}) == len(shown)
        assert all(not text.startswith("CCSS") and whole for text, whole in shown), shown
        full = f"CCSS.Math.Content.{CODE}"
        expect(view.get_by_role("link", name=full, exact=True)).to_have_count(1)
        assert CODE in [text for text, _ in shown]
        wrap = view.locator(".heatmap-wrap")
        wrap.evaluate("w => { w.scrollTop = w.scrollHeight; }")
        view.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
        row = view.locator(".heatmap tbody tr").last.bounding_box()
        assert row is not None and row["y"] + row["height"] <= 800
        view.evaluate("() => window.scrollTo(0, 0)")
        wrap.evaluate("w => { w.scrollTop = 0; }")
        screenshot(view, "a11y-heatmap-ccss-headers")


def test_the_phone_header_takes_little_room(phone_page: Any, live_server: Any) -> None:
    seed_demo()
    sign_in(phone_page, live_server.url, "rivera", password=DEMO_PASSWORD)
    height = phone_page.locator(".site-header").bounding_box()["height"]
    assert height <= 100, f"the header takes {height}px of an 844px phone"
    nav = phone_page.get_by_role("navigation", name="Main")
    open_menu(phone_page)
    expect(nav.get_by_role("link").nth(2)).to_be_attached()  # at least 3
