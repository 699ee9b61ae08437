"""A teacher reads the heatmap, sorts it, makes groups, assigns to one; a member sees it first."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learnloop.demo.seed import seed_demo
from learnloop.engine.levels import Level
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import MasteryState
from learnloop.standards.models import Standard
from learnloop.teaching.heatmap import cell_label
from learnloop.teaching.models import Assignment, Group
from learnloop.testing.browser import screenshot, sign_in

pytestmark = pytest.mark.browser
CODE = "6.RP.A.2"


def test_teacher_groups_and_assigns(page: Any, phone_page: Any, live_server: Any) -> None:
    forget_cached_model()
    demo = seed_demo()
    classroom = demo.classrooms[0]
    sign_in(page, live_server.url, "rivera", password="learnloop")
    page.get_by_role("link", name=classroom.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(classroom.name)
    state = MasteryState.objects.select_related("student", "standard").get(
        student__username="maya", standard__code=CODE
    )
    label = cell_label(
        state.student, state.standard, Level(state.combined_level), state.attempts, state.successes
    )  # the cell's one level (practice and Maya's observation), as in the gradebook
    expect(page.locator(f'td[title="{label}"]')).not_to_have_text(re.compile(r"^\s*$"))
    expect(page.get_by_text(label, exact=True)).to_have_count(1)  # the screen-reader text
    screenshot(page, "teaching-dashboard")

    page.get_by_role("link", name=CODE, exact=True).first.click()
    assert re.search(r"sort=standard%3A\d+", page.url)
    expect(page.locator("th[aria-sort] a")).to_have_text(CODE)
    screenshot(page, "teaching-dashboard-sorted")

    page.get_by_role("navigation", name=classroom.name).get_by_role("link", name="Groups").click()
    for code in ("6.RP.A.1", "6.RP.A.2", "6.RP.A.3.a"):
        page.get_by_label(code, exact=True).check()
    page.get_by_role("button", name="Suggest groups").click()
    expect(page.get_by_role("heading", name="Suggested groups")).to_be_visible()
    screenshot(page, "teaching-groups-suggested")
    page.get_by_label("Name of group 1").fill("Unit rate table")
    page.get_by_role("button", name="Save groups").click()
    expect(page.get_by_text("Groups saved.")).to_be_visible()
    group = Group.objects.get(classroom=classroom, name="Unit rate table")
    member = group.memberships.select_related("student").first().student
    screenshot(page, "teaching-groups-saved")

    page.get_by_role("link", name="Assign to Unit rate table").click()
    lesson = page.locator("#id_activity option", has_text="(lesson)").first
    page.get_by_label("Activity").select_option(lesson.get_attribute("value"))
    page.get_by_label("Note to students (optional)").fill("Start here tomorrow")
    page.get_by_label("Due date (optional)").fill(timezone.localdate().isoformat())
    screenshot(page, "teaching-assignment-new")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("0 of")
    assignment = Assignment.objects.get(group=group)
    screenshot(page, "teaching-assignment-detail")

    sign_in(phone_page, live_server.url, member.username, password="learnloop")
    first = phone_page.locator(".board__option").first
    expect(first).to_contain_text(assignment.activity.title)
    today = timezone.localdate()
    expect(first).to_contain_text(
        f"Assigned by Elena Rivera · due {today:%a} {today.day} {today:%b} · Start here"
    )
    screenshot(phone_page, "teaching-student-board-phone")

    page.goto(f"{live_server.url}/teaching/students/{member.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(member.name)
    assert Standard.objects.filter(code=CODE).exists()
    screenshot(page, "teaching-student-profile")
