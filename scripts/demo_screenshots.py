"""Sign in to a running demo as each demo role and screenshot the pages they see.

    python scripts/demo_screenshots.py --base http://127.0.0.1:8000 --out test-artifacts/demo

Extra pages: --page ROLE:PATH (repeatable), e.g. --page teacher:/standards/
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from learnloop.demo.people import DEMO_PASSWORD
from learnloop.testing.chromium import CHROMIUM, CHROMIUM_ARGS

ROLES = {"teacher": "rivera", "student": "maya", "guardian": "lin.chen", "admin": "principal"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("test-artifacts/demo"))
    parser.add_argument("--page", action="append", default=[], help="ROLE:PATH")
    parser.add_argument("--phone", action="store_true", help="390x844 viewport")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    extra: dict[str, list[str]] = {}
    for spec in args.page:
        role, _, path = spec.partition(":")
        extra.setdefault(role, []).append(path)
    viewport = {"width": 390, "height": 844} if args.phone else {"width": 1280, "height": 900}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for role, username in ROLES.items():
            page = browser.new_context(viewport=viewport).new_page()
            page.goto(f"{args.base}/accounts/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_load_state("networkidle")
            for index, path in enumerate(["/", *extra.get(role, [])]):
                if path != "/":
                    page.goto(f"{args.base}{path}")
                    page.wait_for_load_state("networkidle")
                target = args.out / f"{role}-{index}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{role} {path} -> {target}")
        browser.close()


if __name__ == "__main__":
    main()
