"""A teacher authors a numeric item in a real browser: write, align, preview, publish."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.content.models import ActivityKind, Item, Status
from learnloop.content.tests.factories import make_activity, make_framework
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def test_teacher_authors_aligns_previews_and_publishes(page: Any, live_server: Any) -> None:
    world = build_world()
    make_framework(world.classroom)
    sign_in(page, live_server.url, world.teacher.username)
    page.get_by_role("link", name="Content", exact=True).click()
    page.get_by_role("link", name="Items", exact=True).click()
    page.get_by_role("link", name="New numeric").click()

    page.get_by_label("Title").fill("Price of one pen")
    page.get_by_label("Question").fill("<p>3 pens cost $13.50. What does one pen cost?</p>")
    page.get_by_label("Answer", exact=True).fill("4.5")
    page.get_by_label("Hints").fill("Divide the cost by the number of pens.")
    page.get_by_label("Worked solution").fill("<p>13.50 ÷ 3 = 4.50</p>")
    page.get_by_role("button", name="Save item").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Price of one pen")

    page.get_by_role("link", name="Align to standards").click()
    page.get_by_label("Find standards by code or words").fill("6.RP.A.2")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("6.RP.A.2").check()
    screenshot(page, "content-align-search")
    page.get_by_role("button", name="Save alignment").click()
    expect(page.get_by_role("status").first).to_contain_text("Aligned to 1 standard.")

    page.get_by_label("Your answer").fill("$4.50")
    page.get_by_role("button", name="Check answer").click()
    result = page.locator(".result")
    expect(result.locator("strong")).to_have_text("Correct")
    screenshot(page, "content-item-preview-correct")

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status").first).to_contain_text("Item published.")
    item = Item.objects.get()
    assert item.status == Status.PUBLISHED
    assert list(item.standards.values_list("code", flat=True)) == ["6.RP.A.2"]
    screenshot(page, "content-item-published")


def test_library_on_a_phone(phone_page: Any, live_server: Any) -> None:
    world = build_world()
    make_activity(world.teacher)
    project = make_activity(world.teacher, kind=ActivityKind.PROJECT)
    sign_in(phone_page, live_server.url, world.teacher.username)
    phone_page.goto(f"{live_server.url}/content/")
    expect(phone_page.get_by_role("link", name="A practice")).to_be_visible()
    screenshot(phone_page, "content-library-phone")
    phone_page.goto(f"{live_server.url}/content/activities/{project.pk}/")
    expect(phone_page.get_by_role("cell", name="Clear and general")).to_be_visible()
    screenshot(phone_page, "content-project-rubric-phone")
    phone_page.goto(f"{live_server.url}/content/items/new/single_choice/")
    expect(phone_page.get_by_label("Correct (choice 1)")).to_be_visible()
    screenshot(phone_page, "content-choice-form-phone")


def test_demo_teacher_browses_and_copies_demo_practice(page: Any, live_server: Any) -> None:
    from learnloop.demo.people import DEMO_PASSWORD
    from learnloop.demo.seed import seed_demo

    seed_demo()
    sign_in(page, live_server.url, "rivera", password=DEMO_PASSWORD)
    page.goto(f"{live_server.url}/content/?kind=practice&standard=6.RP.A.3.a")
    # Each click waits for the page it opens: is_visible() does not wait, and on a loaded
    # machine (the suite in parallel) it once looked before the item's page had drawn.
    with page.expect_navigation():
        page.get_by_role("link", name="Practice 6.RP.A.3.a", exact=False).click()
    expect(page.get_by_role("heading", name="Items (10)")).to_be_visible()
    screenshot(page, "content-demo-practice")
    with page.expect_navigation():
        page.get_by_role("link", name="Complete the ratio table").first.click()
    expect(page.locator(".stem table")).to_be_visible()
    screenshot(page, "content-demo-item-table")
    page.go_back()
    with page.expect_navigation():
        page.get_by_role("button", name="Copy and adapt").click()
    expect(page.get_by_role("status").first).to_contain_text("This draft is yours to adapt.")
    expect(page.get_by_role("link", name="Edit", exact=True)).to_be_visible()
