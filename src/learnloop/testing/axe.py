"""axe-core in every browser test: each page a test reaches is scanned at WCAG 2.1 AA.

The `page` and `phone_page` fixtures call `watch(page)`: every document that finishes
loading is scanned once per test (by path and viewport), and the test fails at teardown
when any scan found a violation, naming the page, the rule and the elements. The rules
come from axe-core in node_modules (package.json, a pinned dev dependency; `make assets`
installs it). It is run through the DevTools protocol (`page.evaluate`), so the pages'
Content-Security-Policy still holds for everything else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Beyond the tags: rules axe files under best practice or experimental that the pages
# must pass too (one main landmark, unique landmark labels, headings in order, visible
# labels inside accessible names).
EXTRA_RULES = [
    "heading-order",
    "landmark-one-main",
    "landmark-unique",
    "label-content-name-mismatch",
]
ROOT = Path(__file__).resolve().parents[3]
AXE_SOURCE = Path(os.environ.get("LEARNLOOP_AXE", ROOT / "node_modules/axe-core/axe.min.js"))

RUN_AXE = """async ([tags, extra]) => {
  if (document.contentType !== "text/html" || !document.body) return null;
  const rules = Object.fromEntries(extra.map(id => [id, {enabled: true}]));
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules});
  return result.violations.map(v => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""


class AxeMissing(RuntimeError):
    pass


@cache
def axe_source() -> str:
    if not AXE_SOURCE.exists():
        raise AxeMissing(
            f"axe-core not found at {AXE_SOURCE}: run `make assets` (npm ci) to install it"
        )
    return AXE_SOURCE.read_text(encoding="utf-8")


@dataclass
class AxeWatch:
    """The pages one test reached, and the violations axe found on them."""

    violations: list[str] = field(default_factory=list)
    scanned: set[tuple[str, int]] = field(default_factory=set)
    reached: dict[str, str] = field(default_factory=dict)  # path -> the last full URL

    def reach(self, url: str) -> None:
        if url.startswith("http"):
            self.reached[urlsplit(url).path] = url

    def scan(self, page: Any) -> None:
        """Scan what `page` shows now (once per path and viewport width)."""
        url = page.url
        if not url.startswith("http"):
            return
        width = (page.viewport_size or {}).get("width", 0)
        key = (urlsplit(url).path, width)
        if key in self.scanned:
            return
        found = self._run(page)
        self.scanned.add(key)
        for violation in found or []:
            self.violations.append(
                f"{url} [{width}px] {violation['rule']} ({violation['impact']}): "
                f"{violation['help']} at {', '.join(violation['targets'])}"
            )

    @staticmethod
    def _run(page: Any) -> list[dict[str, Any]] | None:
        """axe on the settled page; a navigation under way is waited for, then scanned."""
        for attempt in range(3):
            page.wait_for_load_state()
            try:
                if not page.evaluate("typeof axe !== 'undefined'"):
                    page.evaluate(axe_source())
                return page.evaluate(RUN_AXE, [TAGS, EXTRA_RULES])
            except Exception as error:
                if "context was destroyed" not in str(error) or attempt == 2:
                    raise
        return None

    def finish(self, page: Any) -> None:
        """At the end of a test: the page as it stands, then every other page it reached.

        Scanning afterwards, not on each load, keeps the scan out of the test's way (no
        race with the next click); a page left by a redirect is visited again as it is now.
        """
        width = (page.viewport_size or {}).get("width", 0)
        self.scan(page)
        for path, url in self.reached.items():
            if (path, width) in self.scanned:
                continue
            try:
                response = page.goto(url)
            except Exception:  # offline or gone: nothing to scan there now
                continue
            if response is not None and response.ok:
                self.scan(page)

    def report(self) -> str:
        return "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(self.violations)


def watch(page: Any) -> AxeWatch:
    """Remember every document `page` loads; `finish(page)` scans them all."""
    axe_source()
    watcher = AxeWatch()
    page.on("load", lambda loaded: watcher.reach(loaded.url))
    return watcher
