"""A student sets a goal, reflects, rates herself and asks for help on a phone; the teacher
sees the help request and the confidence alert, co-signs the goal and marks her helped."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learnloop.demo.seed import seed_demo
from learnloop.engine.levels import Level
from learnloop.goals.models import Goal, HelpRequest, Reflection, SelfAssessment
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import MasteryState
from learnloop.standards.selectors import leaf_standards_for_student
from learnloop.testing.browser import open_menu, screenshot, sign_in

pytestmark = pytest.mark.browser
GOAL = "Explain unit rates to my group"


def test_goal_rating_reflection_help_then_teacher_cosigns(
    page: Any, phone_page: Any, live_server: Any
) -> None:
    forget_cached_model()
    demo = seed_demo()
    jamal = next(s for s in demo.students if s.username == "jamal")
    levels = dict(MasteryState.objects.filter(student=jamal).values_list("standard_id", "level"))
    low = next(
        s for s in leaf_standards_for_student(jamal) if levels.get(s.pk, 0) <= Level.PRACTICING
    )
    phone = phone_page
    sign_in(phone, live_server.url, "jamal", password="learnloop")

    open_menu(phone)  # a phone keeps the links behind "Menu"
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Goals").click()
    phone.get_by_role("link", name="Set a goal").click()
    phone.get_by_label("My goal").fill(GOAL)
    phone.get_by_role("group", name="Kind of goal").get_by_label(
        "Show what I can do on standards"
    ).check()
    target = timezone.localdate() + dt.timedelta(days=21)
    phone.get_by_label("Target date").fill(target.isoformat())
    phone.get_by_label("Find standards").fill(low.code)
    phone.get_by_role("button", name="Find standards").click()
    expect(phone.get_by_label("My goal")).to_have_value(GOAL)  # kept while finding
    phone.get_by_label(f"{low.code} —", exact=False).check()
    screenshot(phone, "goals-new-phone")
    phone.get_by_role("button", name="Set my goal").click()
    expect(phone.get_by_text(f"Goal set: {GOAL}")).to_be_visible()
    goal = Goal.objects.get(student=jamal)

    phone.get_by_label("Reflect on this goal").fill("Drawing a table first helps me.")
    phone.get_by_role("button", name="Save reflection").first.click()
    expect(phone.get_by_text("Reflection saved.")).to_be_visible()
    phone.get_by_role("button", name=f"Ask my teacher to co-sign: {GOAL}").click()
    expect(phone.get_by_text("Waiting for a co-sign")).to_be_visible()
    screenshot(phone, "goals-home-phone")

    phone.goto(f"{live_server.url}/learn/standards/{low.pk}/")
    rating = phone.get_by_role("group", name=f"How well can I do {low.code}", exact=False)
    rating.get_by_label("4 I can teach it").check()
    phone.get_by_role("button", name="Save my rating").click()
    expect(phone.get_by_text(f"Saved: you rated {low.code} at 4 of 4.")).to_be_visible()
    expect(phone.locator(".calibration-note")).to_contain_text("You rated yourself 4")
    screenshot(phone, "goals-self-assessment-phone")

    phone.get_by_role("link", name="My learning", exact=True).first.click()
    expect(phone.get_by_role("heading", name="My goals")).to_be_visible()
    phone.get_by_label("What do you need help with?").fill("Which number goes on top?")
    phone.get_by_role("button", name="I need help").click()
    expect(phone.get_by_text("Your teacher knows you asked for help")).to_be_visible()
    screenshot(phone, "goals-my-learning-phone")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    sign_in(page, live_server.url, "rivera", password="learnloop")
    expect(page.get_by_role("heading", name="From your students")).to_be_visible()
    page.get_by_role("link", name=demo.classrooms[0].name).first.click()
    alerts = page.locator(".alert", has_text="Jamal Washington")
    expect(alerts.filter(has_text="Which number goes on top?")).to_have_count(1)
    expect(alerts.filter(has_text=f"Rates {low.code} at 4 of 4")).to_have_count(1)
    screenshot(page, "goals-teacher-dashboard")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Help and goals").click()
    page.get_by_label("Comment for Jamal").fill("Deal. Show me on Friday.")
    page.get_by_role("button", name=f"Co-sign Jamal Washington's goal: {GOAL}").click()
    expect(page.get_by_text(f"You co-signed Jamal Washington's goal “{GOAL}”.")).to_be_visible()
    page.get_by_role("button", name="Mark helped: Jamal Washington").click()
    expect(page.get_by_text("Marked as helped: Jamal Washington.")).to_be_visible()
    screenshot(page, "goals-teacher-inbox")

    goal.refresh_from_db()
    assert goal.cosigned_by is not None and goal.cosigned_by.username == "rivera"
    assert Reflection.objects.get(student=jamal).goal == goal
    assert SelfAssessment.objects.get(student=jamal).rating == 4
    assert HelpRequest.objects.get(student=jamal).resolved_at is not None
