"""The school office on a phone, in a real browser: labelled fields, no sideways
scrolling, and the whole round of adding a student, a class and a family link."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.accounts.models import GuardianLink, User
from learnloop.schools.models import Classroom
from learnloop.testing.browser import open_menu, screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def fits(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


def test_the_office_adds_a_student_a_class_and_a_link_on_a_phone(
    phone_page: Any, live_server: Any
) -> None:
    world = build_world()
    page = phone_page
    sign_in(page, live_server.url, world.admin.username)
    open_menu(page)  # a phone keeps the links behind "Menu"
    page.get_by_role("link", name="People").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("People")
    page.get_by_role("link", name="Add a student").click()
    page.get_by_label("First name").fill("Nia")
    page.get_by_label("Last name").fill("Okoro")
    page.get_by_label("Username").fill("nia")
    assert fits(page)
    screenshot(page, "office-person-add-phone")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("status")).to_contain_text("Added Nia Okoro")
    assert User.objects.get(username="nia").school == world.school

    page.goto(f"{live_server.url}/school/classes/")
    page.get_by_label("Class name").fill("Math C")
    page.get_by_label("Tina Teacher (tina_teacher)").check()
    assert fits(page)
    screenshot(page, "office-classes-phone")
    page.get_by_role("button", name="Create the class").click()
    page.get_by_label("Nia Okoro (nia)").check()
    page.get_by_role("button", name="Enroll").click()
    classroom = Classroom.objects.get(name="Math C")
    assert list(classroom.enrollments.values_list("student__username", flat=True)) == ["nia"]

    page.goto(f"{live_server.url}/school/links/")
    page.get_by_label("Guardian", exact=True).select_option(label="Gina Guardian (gina_guardian)")
    page.get_by_label("Student", exact=True).select_option(label="Nia Okoro (nia)")
    assert fits(page)
    page.get_by_role("button", name="Link").click()
    screenshot(page, "office-links-phone")
    assert GuardianLink.objects.filter(guardian=world.guardian, student__username="nia").exists()


def test_a_teacher_turns_on_picture_sign_in_and_a_student_signs_in_by_keyboard(
    phone_page: Any, live_server: Any
) -> None:
    from learnloop.schools.models import PictureCode
    from learnloop.schools.quick_sign_in import pictures_of

    world = build_world()
    page = phone_page
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/classes/{world.classroom.pk}/quick-sign-in/")
    page.get_by_role("button", name="Turn picture sign-in on").click()
    expect(page.locator("main")).to_contain_text(world.student.name)
    code = PictureCode.objects.get(enrollment__student=world.student)
    page.context.clear_cookies()

    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="On a class computer?").click()
    page.get_by_role("link", name=world.classroom.name).click()
    page.get_by_role("link", name=world.student.first_name).click()
    assert fits(page)
    screenshot(page, "quick-sign-in-pictures-phone")
    for slot, picture in zip(("First", "Second", "Third"), pictures_of(code.pictures), strict=True):
        group = page.get_by_role("group", name=f"{slot} picture")
        group.get_by_label(picture.name).focus()
        page.keyboard.press("Space")
    page.keyboard.press("Tab")  # from the last picture group to the button
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/")
    open_menu(page)  # a phone keeps the links behind "Menu"
    # The student's own menu: signed in.
    expect(page.locator("header")).to_contain_text("My learning")
