"""Take the screenshots of the README's tour from a running demo school.

    make demo &                      # or: .venv/bin/learnloop demo --port 8000
    .venv/bin/python scripts/readme_tour.py --base http://127.0.0.1:8000

Each shot signs in as a demo person, walks to a page the way a person would (by the
links they would click, so no database ids are assumed) and saves docs/screenshots/NAME.png.
A shot whose link is missing fails loudly: the tour doubles as a smoke test of the demo.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from learnloop.demo.people import DEMO_PASSWORD
from learnloop.testing.chromium import CHROMIUM, CHROMIUM_ARGS

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}


@dataclass(frozen=True)
class Shot:
    name: str
    username: str
    walk: Callable[[Page], None]
    viewport: dict[str, int]
    full_page: bool = False


def click(page: Page, name: str, *, exact: bool = False) -> None:
    page.get_by_role("link", name=name, exact=exact).first.click()
    page.wait_for_load_state("networkidle")


def home(page: Page) -> None:
    """The role's home page, as it is after signing in."""


def practice_one(page: Page) -> None:
    page.locator("a[href*='/practice/']").first.click()
    page.wait_for_load_state("networkidle")
    choices = page.locator("form input[type=radio], form input[type=checkbox]")
    if choices.count():
        choices.first.check()
    else:
        entry = "form input[type=text], form input[type=number], form textarea"
        page.locator(entry).first.fill("3")
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state("networkidle")


def standard_page(page: Page) -> None:
    page.locator("a[href^='/learn/standards/']").first.click()
    page.wait_for_load_state("networkidle")


def goals_page(page: Page) -> None:
    click(page, "Goals", exact=True)


def portfolio(page: Page) -> None:
    click(page, "My portfolio", exact=True)


def class_dashboard(page: Page) -> None:
    page.locator("a[href^='/teaching/classes/']").first.click()
    page.wait_for_load_state("networkidle")


def heatmap(page: Page) -> None:
    class_dashboard(page)
    page.get_by_role("heading", name="Mastery heatmap").evaluate("h => h.scrollIntoView()")


def student_profile(page: Page) -> None:
    class_dashboard(page)
    page.locator("a[href^='/teaching/students/']").first.click()
    page.wait_for_load_state("networkidle")


def groups(page: Page) -> None:
    class_dashboard(page)
    page.locator("a[href$='/groups/']").first.click()
    page.wait_for_load_state("networkidle")
    for code in ("6.RP.A.1", "6.RP.A.2", "6.RP.A.3.a"):
        page.get_by_label(code, exact=True).check()
    page.get_by_role("button", name="Suggest groups").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("heading", name="Suggested groups").scroll_into_view_if_needed()


def gradebook(page: Page) -> None:
    class_dashboard(page)
    page.locator("a[href^='/gradebook/classes/']").first.click()
    page.wait_for_load_state("networkidle")


def child(page: Page) -> None:
    page.locator("a[href^='/family/students/']").first.click()
    page.wait_for_load_state("networkidle")


def office_people(page: Page) -> None:
    click(page, "People", exact=True)


def data_rights(page: Page) -> None:
    click(page, "Data rights")
    click(page, "Maya Chen")


SHOTS = [
    Shot("student-my-learning", "maya", home, DESKTOP),
    Shot("student-my-learning-phone", "maya", home, PHONE),
    Shot("student-practice-feedback", "maya", practice_one, DESKTOP),
    Shot("student-standard", "maya", standard_page, PHONE),
    Shot("student-goals", "maya", goals_page, DESKTOP),
    Shot("student-portfolio", "maya", portfolio, DESKTOP),
    Shot("teacher-dashboard", "rivera", class_dashboard, DESKTOP),
    Shot("teacher-heatmap", "rivera", heatmap, DESKTOP),
    Shot("teacher-student-profile", "rivera", student_profile, DESKTOP),
    Shot("teacher-groups", "rivera", groups, DESKTOP),
    Shot("teacher-gradebook", "rivera", gradebook, DESKTOP),
    Shot("guardian-child", "lin.chen", child, PHONE),
    Shot("admin-people", "principal", office_people, DESKTOP),
    Shot("admin-data-rights", "principal", data_rights, DESKTOP),
]


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--only", action="append", default=[], help="shot name (repeatable)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    shots = [shot for shot in SHOTS if not args.only or shot.name in args.only]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot in shots:
            context = browser.new_context(viewport=shot.viewport)
            page = context.new_page()
            sign_in(page, args.base, shot.username)
            shot.walk(page)
            target = args.out / f"{shot.name}.png"
            page.screenshot(path=str(target), full_page=shot.full_page)
            print(f"{shot.name}: {page.url} -> {target}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
