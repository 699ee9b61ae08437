"""A teacher pastes three names, checks the preview, adds them and prints their cards,
in a real browser (print media emulated for the screenshots)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.accounts.models import Role, User
from learnloop.schools.services import enroll_student, ensure_user
from learnloop.testing.browser import broken_words, screenshot, scrolls_sideways, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser

PASSWORD = re.compile(r"[a-z]{4}-[a-z]{4}-\d\d")


def test_a_teacher_pastes_three_names_confirms_and_prints_cards(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/classes/{world.classroom.pk}/students/")
    page.get_by_role("link", name="Add many: paste a list of names").click()
    page.get_by_label("Names, one a line").fill("Ada Lovelace\nHopper, Grace\nAlan Turing")
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("table").inner_text()
    assert "ada.lovelace" in preview and "grace.hopper" in preview and "alan.turing" in preview
    assert not User.objects.filter(last_name="Lovelace").exists()
    screenshot(page, "class-paste-preview")
    page.get_by_role("button", name="Add all 3").click()
    cards = page.locator(".sign-in-card")
    expect(cards).to_have_count(3)
    passwords = PASSWORD.findall(page.inner_text("main"))
    assert len(set(passwords)) == 3
    grace = User.objects.get(username="grace.hopper")
    assert grace.check_password(next(p for p in passwords if grace.check_password(p)))
    page.emulate_media(media="print")
    expect(page.locator("nav").first).not_to_be_visible()
    expect(cards.first).to_be_visible()
    screenshot(page, "class-new-passwords-print")
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/classes/{world.classroom.pk}/students/")
    expect(page.get_by_role("button", name="New password for Grace Hopper")).to_be_visible()
    screenshot(page, "class-students")
    page.goto(f"{live_server.url}/classes/{world.classroom.pk}/cards/")
    expect(page.locator(".sign-in-card")).to_have_count(4)  # the three and the world's student
    page.emulate_media(media="print")
    screenshot(page, "class-sign-in-cards-print")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_class_students_table_keeps_words_whole_on_a_phone(
    phone_page: Any, live_server: Any, language: str
) -> None:
    world = build_world()
    for index in range(3):
        add_student(world, f"Maximiliana{index}", f"Valenzuela-Etxeberria{index}")
    world.teacher.language = language
    world.teacher.save(update_fields=["language"])
    page = phone_page
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/classes/{world.classroom.pk}/students/")
    labels = "main :is(button, .button, thead th, caption, label, h1, h2)"
    expect(page.locator("main .people-table button").nth(7)).to_be_attached()  # at least 8
    assert broken_words(page, labels) == []
    assert broken_words(page, "main .people-table :is(th, td)") == []
    assert scrolls_sideways(page) <= 1
    screenshot(page, f"class-students-phone-{language}")
    wrap = page.locator("main .table-wrap").first
    # What does not fit scrolls inside the table's own frame, which a keyboard can reach.
    assert wrap.evaluate("w => w.scrollWidth >= w.clientWidth && w.tabIndex === 0")


def add_student(world: Any, first: str, last: str) -> None:
    student = ensure_user(
        username=f"{first}.{last}".lower(), role=Role.STUDENT, first_name=first,
        last_name=last, school=world.school,
    )  # fmt: skip
    enroll_student(classroom=world.classroom, student=student)
