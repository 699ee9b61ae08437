"""A teacher pastes three names, checks the preview, adds them and prints their cards,
in a real browser (print media emulated for the screenshots)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from learnloop.accounts.models import User
from learnloop.testing.browser import screenshot, sign_in
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
    assert cards.count() == 3
    passwords = PASSWORD.findall(page.inner_text("main"))
    assert len(set(passwords)) == 3
    grace = User.objects.get(username="grace.hopper")
    assert grace.check_password(next(p for p in passwords if grace.check_password(p)))
    page.emulate_media(media="print")
    assert not page.locator("nav").first.is_visible()
    assert cards.first.is_visible()
    screenshot(page, "class-new-passwords-print")
    page.emulate_media(media="screen")

    page.goto(f"{live_server.url}/classes/{world.classroom.pk}/students/")
    assert page.get_by_role("button", name="New password for Grace Hopper").is_visible()
    screenshot(page, "class-students")
    page.goto(f"{live_server.url}/classes/{world.classroom.pk}/cards/")
    assert page.locator(".sign-in-card").count() == 4  # the three and the world's student
    page.emulate_media(media="print")
    screenshot(page, "class-sign-in-cards-print")
