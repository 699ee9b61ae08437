"""The office makes a one-time sign-in link for a teacher a roster import made, and the
teacher opens it and chooses a password, in a real browser (every page axe-scanned)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from playwright.sync_api import expect

from learnloop.accounts.models import Role, User
from learnloop.schools.services import ensure_user
from learnloop.testing.browser import screenshot, scrolls_sideways, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def _imported_teacher(school: Any) -> User:
    teacher = ensure_user(
        username="t.imported",
        role=Role.TEACHER,
        first_name="Ima",
        last_name="Ported",
        school=school,
    )
    teacher.email = ""
    teacher.set_unusable_password()
    teacher.save()
    return teacher


def test_the_office_hands_a_link_and_the_teacher_chooses_a_password(
    page: Any, live_server: Any
) -> None:
    world = build_world()
    teacher = _imported_teacher(world.school)
    with override_settings(SITE_URL=live_server.url):
        sign_in(page, live_server.url, world.admin.username)
        page.goto(f"{live_server.url}/school/people/?role=teacher")
        page.get_by_role("link", name="Ima Ported").click()
        expect(page.locator("main")).to_contain_text("cannot sign in with a password")
        screenshot(page, "office-person")
        page.get_by_role("button", name="Make a sign-in link").click()
        link = page.get_by_label("Sign-in link", exact=True).input_value()
        assert link.startswith(f"{live_server.url}/accounts/sign-in-link/")
        screenshot(page, "office-person-sign-in-link")

        page.context.clear_cookies()
        page.goto(link)
        expect(page.locator("main")).to_contain_text("t.imported")
        assert "sign-in-link" in page.url and "set-password" in page.url
        page.get_by_label("New password", exact=True).fill("lantern-quiet-harbour-7")
        page.get_by_label("New password confirmation").fill("lantern-quiet-harbour-7")
        screenshot(page, "sign-in-link-choose-password")
        page.get_by_role("button", name="Save password").click()
        page.wait_for_load_state("networkidle")
        sign_in(page, live_server.url, teacher.username, "lantern-quiet-harbour-7")
        assert "/accounts/login/" not in page.url
        page.goto(link)
        expect(page.locator("main")).to_contain_text("no longer works")
        screenshot(page, "sign-in-link-used")


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_link_fits_a_phone(phone_page: Any, live_server: Any, language: str) -> None:
    world = build_world()
    teacher = _imported_teacher(world.school)
    world.admin.language = language
    world.admin.save()
    with override_settings(SITE_URL=live_server.url):
        sign_in(phone_page, live_server.url, world.admin.username)
        phone_page.goto(f"{live_server.url}/school/people/{teacher.pk}/")
        phone_page.locator("form[action$='/sign-in-link/'] button").click()
        phone_page.wait_for_load_state("networkidle")
        assert phone_page.locator("#sign-in-link").input_value().startswith(live_server.url)
        assert scrolls_sideways(phone_page) == 0
        screenshot(phone_page, f"office-person-sign-in-link-phone-{language}")


def test_the_password_pages_are_learnloops_and_pass_axe(page: Any, live_server: Any) -> None:
    """Drawn from LearnLoop's templates, not the admin's (accounts/tests/test_auth_templates)."""
    world = build_world()
    for path in ("/accounts/password/reset/", "/accounts/reset/MQ/bad-token/"):
        page.goto(f"{live_server.url}{path}")
        assert "Django" not in page.title()
    screenshot(page, "password-reset-link-expired")
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/accounts/password/change/")
    expect(page.get_by_role("heading", name="Change your password")).to_be_visible()
    screenshot(page, "password-change")
