"""A teacher runs a conference in a real browser; the student then sees the agreed action
first on their board and never the private note."""

from __future__ import annotations

import html
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.conferences.models import Conference
from learnloop.conferences.tests.helpers import answer
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser
PRIVATE = "Family is moving next month; go gently."
SHARED = "Sam explained unit price with the pencil example."
ACTION = "Practice 6.RP.A.2 — 10 items"


def test_teacher_runs_a_conference_and_the_student_sees_the_action_first(
    page: Any, phone_page: Any, live_server: Any
) -> None:
    forget_cached_model()
    world = build_world()
    lw = learning_world(world)
    answer(world.student, lw.items[0], correct=False, times=3)
    sign_in(page, live_server.url, world.teacher.username)

    page.goto(f"{live_server.url}/conferences/students/{world.student.pk}/new/")
    page.get_by_label("Topic").fill("Check-in on ratios")
    page.get_by_label("Date and time").fill("2026-12-01T10:30")
    page.get_by_label("Place").fill("Room 12")
    page.get_by_role("button", name="Create conference").click()
    agenda = page.locator("#agenda-heading").locator("..")
    expect(agenda).to_contain_text("Asked to talk about: Check-in on ratios")
    expect(agenda).to_contain_text("Struggling with 6.RP.A.2: 3 wrong answers in the last 14 days")

    page.get_by_label("Note", exact=True).fill(SHARED)
    page.get_by_role("button", name="Save note").click()
    page.get_by_label("Note", exact=True).fill(PRIVATE)
    page.get_by_label("Private (teachers only)").check()
    page.get_by_role("button", name="Save note").click()
    page.get_by_label("Action", exact=True).fill(ACTION)
    page.get_by_label("Activity (optional, for the student)").select_option(label=lw.practice.title)
    page.get_by_role("button", name="Add action").click()
    page.get_by_label("The teacher").check()
    page.get_by_label("Action", exact=True).fill("Find a video on ratios")
    page.get_by_role("button", name="Add action").click()
    page.get_by_role("button", name="Mark as held").click()
    notes = page.locator("#notes-heading").locator("..").inner_text()
    assert SHARED in notes and PRIVATE in notes
    assert Conference.objects.get().status == "held"
    screenshot(page, "conference-teacher-held")

    page.goto(f"{live_server.url}/gradebook/classes/{world.classroom.pk}/")
    cell = page.get_by_role("link", name="Practicing — Sam Student, 6.RP.A.2")
    screenshot(page, "gradebook-class")
    cell.click()
    page.get_by_role("combobox", name="Level").select_option(label="Proficient")
    page.get_by_label("Reason", exact=True).fill("Solved three unit-rate problems at the board.")
    page.get_by_role("button", name="Set level").click()
    expect(page.locator("#level-heading").locator("..")).to_contain_text("set by override")
    screenshot(page, "gradebook-cell-override")

    sign_in(phone_page, live_server.url, world.student.username)
    first_option = phone_page.locator(".board__option").first
    expect(first_option.locator(".board__kind")).to_have_text("Action")
    expect(first_option.locator(".board__title")).to_have_text(ACTION)
    expect(first_option).to_contain_text("You and Tina Teacher agreed")
    assert PRIVATE not in html.unescape(phone_page.content())
    screenshot(phone_page, "conference-student-board-phone")
    phone_page.goto(f"{live_server.url}/conferences/")
    body = html.unescape(phone_page.content())
    assert SHARED in body and ACTION in body
    assert PRIVATE not in body and "Find a video on ratios" in body
    screenshot(phone_page, "conference-student-history-phone")

    phone_page.goto(f"{live_server.url}/conferences/")
    phone_page.get_by_role("button", name=f"Mark done: {ACTION}").click()
    expect(phone_page.locator("#actions-heading").locator("..")).to_contain_text("Nothing open")
    phone_page.goto(f"{live_server.url}/")
    expect(phone_page.locator(".board__option--action")).to_have_count(0)
