"""A student takes a placement check with the keyboard alone; the teacher sees the map."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from learnloop.placement.models import PlacementAttempt
from learnloop.placement.tests.factories import ANSWER, placement_check
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def press_enter_and_wait(page: Any) -> None:
    """Enter on a link or a form's button, then wait for the next page (no race with
    the page that is leaving)."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_student_places_with_the_keyboard_and_the_teacher_sees_the_map(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    check = placement_check(world)
    sign_in(page, live_server.url, world.student.username)
    home = f"{live_server.url}{reverse('learning_home')}"
    page.goto(home)  # My learning's placement card (scanned by axe like every page)
    expect(page.get_by_role("link", name="Take the placement check")).to_have_count(1)
    page.goto(f"{live_server.url}/placement/")
    page.get_by_role("link", name=f"Placement check: {check.framework.title}").focus()
    press_enter_and_wait(page)
    page.get_by_role("button", name="Start the placement check").focus()
    press_enter_and_wait(page)
    for number in range(1, 40):
        page.wait_for_load_state("networkidle")
        if page.get_by_role("heading", name="Your starting point").count():
            break
        page.get_by_label("Your answer").focus()
        if number <= 2:  # knows the first things asked, then has not learned the rest
            page.keyboard.type(str(ANSWER))
            press_enter_and_wait(page)
        else:
            page.keyboard.press("Tab")  # "Submit my answer"
            page.keyboard.press("Tab")  # "I haven't learned this yet"
            press_enter_and_wait(page)
        if number == 1:
            screenshot(page, "placement-question")
    expect(page.get_by_role("heading", name="What you already know")).to_have_count(1)
    expect(page.get_by_role("heading", name="Where you start")).to_have_count(1)
    screenshot(page, "placement-result")
    page.goto(home)
    card = page.get_by_role("heading", name=f"Where you start in {check.framework.title}")
    expect(card).to_have_count(1)
    expect(page.get_by_role("link", name="Take the placement check")).to_have_count(0)
    attempt = PlacementAttempt.objects.get(student=world.student)
    assert attempt.finished_at is not None and len(attempt.answers) >= 3

    page.context.clear_cookies()
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/placement/class/{world.classroom.pk}/")
    table = page.get_by_role("table", name=f"Where each student starts in {check.framework.title}")
    expect(table).to_contain_text("Start")
    screenshot(page, "placement-class-map")
