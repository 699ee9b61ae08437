"""A teacher browses the demo framework in a real browser, searches, opens a standard."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.standards.demo_framework import TITLE, ensure_demo_framework
from learnloop.standards.services import adopt_framework
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def test_teacher_finds_unit_rate_and_its_prerequisite(page: Any, live_server: Any) -> None:
    world = build_world()
    adopt_framework(classroom=world.classroom, framework=ensure_demo_framework())
    sign_in(page, live_server.url, world.teacher.username)
    page.get_by_role("link", name="Standards").click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Domains start open, clusters closed; a cluster opens from the keyboard (Enter).
    cluster = page.locator("summary", has_text="Understand fraction equivalence")
    leaf = page.get_by_role("link", name="4.NF.A.1", exact=False)
    expect(cluster).to_be_visible()
    expect(leaf).not_to_be_visible()
    cluster.focus()
    page.keyboard.press("Enter")
    expect(leaf).to_be_visible()
    screenshot(page, "standards-tree")

    page.get_by_label("Search by code or words").fill("unit rate")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("region", name="3 matches for “unit rate”")
    expect(results.locator("mark").first).to_have_text(re.compile("^unit$", re.IGNORECASE))
    screenshot(page, "standards-search")

    results.get_by_role("link", name="6.RP.A.2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^6\.RP\.A\.2"))
    builds_on = page.get_by_role("region", name="Builds on")
    expect(builds_on.get_by_role("link", name="6.RP.A.1")).to_be_visible()
    screenshot(page, "standards-standard-6RPA2")


def test_standard_page_on_a_phone(phone_page: Any, live_server: Any) -> None:
    world = build_world()
    framework = ensure_demo_framework()
    adopt_framework(classroom=world.classroom, framework=framework)
    sign_in(phone_page, live_server.url, world.student.username)
    phone_page.goto(f"{live_server.url}/standards/{framework.pk}/?q=percent")
    expect(phone_page.get_by_role("link", name="6.RP.A.3.c").first).to_be_visible()
    screenshot(phone_page, "standards-search-phone")
