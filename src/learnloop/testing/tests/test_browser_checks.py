"""Browser tests check the page with Playwright's expect(), which waits for it.

A click that opens a page returns before the page has drawn; `locator.is_visible()`,
`.count()` and `.inner_text()` read the page as it is at that instant, so an `assert`
on them can look at the old page on a loaded machine (one did, in a parallel run).
"""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]  # src/learnloop
SNAPSHOTS = {"is_visible", "is_hidden", "inner_text", "text_content"}
LOCATING = ("page", "get_by_", "locator(", "nav", "view")


def snapshot_checks(source: str, name: str) -> list[str]:
    """Each `assert` in `source` that reads the page at an instant, as "file:line"."""
    found = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if not isinstance(node, ast.Assert):
            continue
        for call in ast.walk(node.test):
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)):
                continue
            receiver = ast.unparse(call.func.value)
            if call.func.attr in SNAPSHOTS or (
                call.func.attr == "count" and not call.args and any(w in receiver for w in LOCATING)
            ):
                found.append(f"{name}:{node.lineno}")
                break
    return found


def test_the_rule_finds_a_snapshot_check() -> None:
    bad = "assert page.get_by_role('link').is_visible()\nassert page.locator('a').count() == 1\n"
    good = "expect(page.get_by_role('link')).to_be_visible()\nassert rows.objects.count() == 1\n"
    assert snapshot_checks(bad, "bad.py") == ["bad.py:1", "bad.py:2"]
    assert snapshot_checks(good, "good.py") == []


def test_browser_tests_assert_with_expect() -> None:
    offenders = [
        found
        for path in sorted(SOURCE.glob("*/tests/*browser*.py"))
        for found in snapshot_checks(path.read_text(), str(path.relative_to(SOURCE)))
    ]
    assert offenders == [], offenders
