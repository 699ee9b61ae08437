"""The roster page on a phone, in a real browser: upload, read the preview, confirm by
keyboard; the table fits the screen's width or scrolls inside its own frame."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.accounts.models import Role, User
from learnloop.schools.tests.url_access import ONE_SCHOOL_ROSTER
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def test_the_admin_previews_and_confirms_a_roster_on_a_phone(
    phone_page: Any, live_server: Any, tmp_path: Path
) -> None:
    world = build_world()
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in ONE_SCHOOL_ROSTER.iterdir():
            zipped.write(path, path.name)
    page = phone_page
    sign_in(page, live_server.url, world.admin.username)
    page.get_by_role("link", name="Import a roster").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a roster")
    page.get_by_label("OneRoster zip file").set_input_files(str(archive))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("table", name="Planned changes")).to_be_visible()
    expect(page.get_by_role("table", name="Planned changes")).to_contain_text("kim.t (Teacher)")
    assert bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
    screenshot(page, "office-roster-preview-phone")
    assert not User.objects.filter(username="kim.t").exists()
    # 9 people, classes and links, and 3 master identifiers kept for single sign-on
    page.get_by_role("button", name="Import these 12 changes").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Roster imported: 12 changes")
    assert User.objects.get(username="kim.t").role == Role.TEACHER


def test_a_refused_roster_lists_each_problem_on_a_phone(
    phone_page: Any, live_server: Any, tmp_path: Path
) -> None:
    world = build_world()
    edits = {
        "roles.csv": (b"u-92,primary,student", b"u-92,primary,pupil"),
        "enrollments.csv": (b"e-91,,,cl-alg1", b"e-91,,,cl-x"),
    }
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in ONE_SCHOOL_ROSTER.iterdir():
            old, new = edits.get(path.name, (b"", b""))
            zipped.writestr(
                path.name, path.read_bytes().replace(old, new) if old else path.read_bytes()
            )
    page = phone_page
    sign_in(page, live_server.url, world.admin.username)
    page.goto(f"{live_server.url}/school/roster/")
    page.get_by_label("OneRoster zip file").set_input_files(str(archive))
    page.get_by_role("button", name="Preview the import").click()
    body = page.locator("main").inner_text()
    assert "roles.csv, line 3, column role: 'pupil'" in body
    assert "enrollments.csv, line 2, column classSourcedId: unknown reference" in body
    assert bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))
    screenshot(page, "office-roster-refused-phone")
    assert not User.objects.filter(username="kim.t").exists()
