"""Right to left on every page a student, a guardian and a teacher use (issue 22).

The demo's teacher, student and guardian read in Arabic (their accounts' language, ADR
0013). On each of their main pages, at a phone's 390 px and a desktop's 1280 px: the page
says `<html dir="rtl" lang="ar">`, nothing scrolls sideways, the header starts at the right
(the brand, and on a desktop the navigation's first link right of its second), and axe-core
finds no WCAG 2.1 AA violation.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.accounts.models import GuardianLink, User
from learnloop.content.models import Activity, ActivityKind, Item
from learnloop.demo.seed import seed_demo
from learnloop.learning.answers import correct_answer
from learnloop.learning.engine_state import forget_cached_model
from learnloop.portfolio.models import Artifact
from learnloop.standards.models import Standard
from learnloop.testing.axe import AxeWatch, watch
from learnloop.testing.browser import screenshot, sign_in

pytestmark = pytest.mark.browser
WIDTHS = (1280, 390)
DEMO_PASSWORD = "learnloop"
CODE = "6.RP.A.1"

HEADER_STARTS_RIGHT = """() => {
  const brand = document.querySelector('.brand').getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const inner = document.querySelector('.site-header__inner');
  const innerRight = inner.getBoundingClientRect().right
    - parseFloat(getComputedStyle(inner).paddingRight);
  const links = [...document.querySelectorAll('.nav-list--wide a')]
    .filter((a) => a.getClientRects().length > 0)
    .map((a) => a.getBoundingClientRect());
  return {
    brandRight: brand.right, innerRight, width,
    links: links.map((r) => ({left: r.left, right: r.right, top: r.top})),
  };
}"""


# The outermost elements that stick out of the page on either side, to name in a failure.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const out = [...document.querySelectorAll('body *')].filter((element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && (rect.left < -1 || rect.right > width + 1);
  });
  const leaves = out.filter((element) => ![...element.children].some((c) => out.includes(c)));
  return [...out.filter((element) => !out.includes(element.parentElement)), ...leaves].slice(0, 8)
    .map((element) => element.tagName.toLowerCase() + '.' + element.className + ' '
      + Math.round(element.getBoundingClientRect().left) + '..'
      + Math.round(element.getBoundingClientRect().right));
}"""


def scroll_overflow(page: Any) -> int:
    return int(
        page.evaluate(
            "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
    )


def check_right_to_left(page: Any, watcher: AxeWatch, name: str) -> None:
    """The checks every page passes at both widths; the page is left at 1280 px."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_load_state("load")
        where = f"{name} at {width}px ({page.url})"
        html = page.locator("html")
        assert (html.get_attribute("dir"), html.get_attribute("lang")) == ("rtl", "ar"), where
        assert scroll_overflow(page) <= 1, (
            f"{where} scrolls sideways",
            page.evaluate(STICKING_OUT),
        )
        header = page.evaluate(HEADER_STARTS_RIGHT)
        # The brand opens the header: at the right edge of its row.
        assert abs(header["brandRight"] - header["innerRight"]) <= 1, (where, header)
        if width >= 1024:
            links = header["links"]
            assert links, (where, header)
            first = links[0]
            assert first["right"] > header["width"] / 2, (where, header)
            # Next to the brand, and each next link on the same line to its left.
            assert first["right"] < header["brandRight"], (where, header)
            for before, after in itertools.pairwise(links):
                if abs(before["top"] - after["top"]) < 4:
                    assert before["left"] > after["right"], (where, header)
        assert page.evaluate(CODES_REVERSED) == [], where
        assert page.evaluate(CODES_IN_TEXT_REVERSED) == [], where
        watcher.scan(page)
        if width == 390 and name in SCREENSHOTS:
            screenshot(page, f"rtl-{name}-phone")
    page.set_viewport_size({"width": 1280, "height": 900})


# The trend chart keeps its axes left to right (dir="ltr"): the numbers on its y axis sit
# left of the grid, never over the line.
TREND_TICKS_LEFT_OF_GRID = """() => {
  const svg = document.querySelector('svg.trend');
  if (!svg) return null;
  const gridStarts = svg.querySelector('.trend__grid').getBoundingClientRect().left;
  return [...svg.querySelectorAll('text[text-anchor=end]')]
    .map((text) => text.getBoundingClientRect().right <= gridStarts + 1);
}"""
# The dashboard's "→ next move" arrows point the way Arabic reads: to the left.
ARROW_TRANSFORMS = """() => [...document.querySelectorAll('.arrow-forward')]
  .map((arrow) => getComputedStyle(arrow).transform)"""

# Standard codes ("6.RP.A.1") shown on their own that the layout reads backwards: their
# first character right of their last ("RP.A.1.6").
CODES_REVERSED = """() => [...document.querySelectorAll('.tile__code, .std-chip, .code')]
  .filter((element) => element.getClientRects().length > 0
    && /^[0-9].*[A-Z]/.test(element.textContent.trim()))
  .filter((element) => {
    // the code's own text, also when it sits in a <bdi> inside the chip
    const text = document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode();
    if (text === null) return false;
    const at = (index) => {
      const range = document.createRange();
      range.setStart(text, index);
      range.setEnd(text, index + 1);
      return range.getBoundingClientRect();
    };
    const first = at(text.data.indexOf(text.data.trim()[0]));
    const last = at(text.data.lastIndexOf(text.data.trim().slice(-1)));
    return first.top === last.top && first.left > last.left;
  })
  .map((element) => element.textContent.trim())"""

# Standard codes inside running text (a reason on the choice board, "6.RP.A.2: now" after
# an answer, a list of codes under a goal, a checkbox's label) that read backwards: the
# templates put them in <bdi dir="ltr"> (`|ltr`), Python's sentences between the Unicode
# isolates LRI and PDI (learnloop.core.bidi).
CODES_IN_TEXT_REVERSED = """() => {
  const found = [];
  const pattern = /\\b[0-9]+\\.[A-Z]+(\\.[A-Za-z0-9]+)+/g;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode;
    if (!text.parentElement || text.parentElement.getClientRects().length === 0) continue;
    for (const match of text.data.matchAll(pattern)) {
      const at = (index) => {
        const range = document.createRange();
        range.setStart(text, index);
        range.setEnd(text, index + 1);
        return range.getBoundingClientRect();
      };
      const first = at(match.index);
      const last = at(match.index + match[0].length - 1);
      if (Math.abs(first.top - last.top) < 2 && first.left > last.left) {
        found.push(match[0] + ': ' + text.data.trim().slice(0, 80));
      }
    }
  }
  return found;
}"""
# OATutor's skill codes are long snake_case words; one of them widened the pages' grids
# and fieldsets past a 390 px phone (their automatic minimum is their longest word).
LONG_CODE = "solve_equations_using_the_subtraction_and_addition_properties_of_equality"

SCREENSHOTS = {"my-learning", "practice-feedback", "child-progress"}


@pytest.fixture
def rtl_page(browser: Any, transactional_db: None) -> Iterator[tuple[Any, AxeWatch]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    watcher = watch(page)
    yield page, watcher
    context.close()


def read_in_arabic(*people: User) -> None:
    for person in people:
        person.language = "ar"
        person.save(update_fields=["language"])


def answer(page: Any) -> None:
    item = Item.objects.prefetch_related("choices").get(
        pk=page.locator("input[name=item_id]").input_value()
    )
    if item.kind not in ("single_choice", "multiple_choice"):
        page.locator(f"#answer-{item.pk}").fill(correct_answer(item))
    else:
        for choice in item.choices.all():
            if choice.is_correct:
                page.locator(f"input[name=answer][value='{choice.identifier}']").check()
    with page.expect_navigation():
        page.locator("form.item-form button[type=submit]").click()


def test_students_guardians_and_teachers_pages_read_right_to_left(
    rtl_page: tuple[Any, AxeWatch], live_server: Any
) -> None:
    page, watcher = rtl_page
    forget_cached_model()
    demo = seed_demo()
    maya = User.objects.get(username="maya")
    guardian = GuardianLink.objects.filter(student=maya).select_related("guardian")[0].guardian
    teacher = User.objects.get(username="rivera")
    read_in_arabic(maya, guardian, teacher)
    base = live_server.url
    classroom = next(c for c in demo.classrooms if c.students.filter(pk=maya.pk).exists())
    practice = Activity.objects.get(
        kind=ActivityKind.PRACTICE, standards__code=CODE, source="generated"
    )
    standard = practice.standards.get(code=CODE)
    # 5.NF.B.3: on the mastery map, the goal and work forms, and a "stuck" alert.
    long_named = Standard.objects.get(framework=standard.framework, code="5.NF.B.3")
    long_named.code = LONG_CODE
    long_named.save(update_fields=["code"])
    artifact = Artifact.objects.filter(student=maya).first()

    sign_in(page, base, maya.username, password=DEMO_PASSWORD)
    check_right_to_left(page, watcher, "my-learning")
    page.goto(f"{base}/learn/activities/{practice.pk}/practice/")
    check_right_to_left(page, watcher, "practice")
    answer(page)
    expect(page.locator(".feedback")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_text("صحيح!")  # "Correct!"
    check_right_to_left(page, watcher, "practice-feedback")
    # A closed disclosure (the worked solution) points the way Arabic reads: left.
    closed = page.locator("main details:not([open]) > summary").first
    assert closed.evaluate("s => getComputedStyle(s, '::before').content") == '"\u25c2"'
    for name, path in [
        ("goals", "/goals/"),
        ("new-goal", "/goals/new/"),
        ("mistakes", "/learn/mistakes/"),
        ("portfolio", "/portfolio/"),
        ("new-work", "/portfolio/new/"),
        ("standard", f"/learn/standards/{standard.pk}/"),
    ]:
        page.goto(base + path)
        check_right_to_left(page, watcher, name)
    if artifact is not None:
        page.goto(f"{base}/portfolio/artifacts/{artifact.pk}/")
        check_right_to_left(page, watcher, "artifact")

    page.context.clear_cookies()
    sign_in(page, base, guardian.username, password=DEMO_PASSWORD)
    check_right_to_left(page, watcher, "guardian-home")
    page.goto(f"{base}/family/students/{maya.pk}/")
    check_right_to_left(page, watcher, "child-progress")
    expect(page.locator(".tile__code").first).to_be_attached()

    page.context.clear_cookies()
    sign_in(page, base, teacher.username, password=DEMO_PASSWORD)
    check_right_to_left(page, watcher, "teacher-home")
    for name, path in [
        ("dashboard", f"/teaching/classes/{classroom.pk}/"),
        ("gradebook", f"/gradebook/classes/{classroom.pk}/"),
        ("student-gradebook", f"/gradebook/students/{maya.pk}/"),
        ("common-mistakes", f"/teaching/classes/{classroom.pk}/mistakes/"),
        ("student-profile", f"/teaching/students/{maya.pk}/"),
        ("conferences", "/conferences/"),
        ("groups", f"/teaching/classes/{classroom.pk}/groups/"),
    ]:
        response = page.goto(base + path)
        assert response is not None and response.ok, path
        check_right_to_left(page, watcher, name)
        if name == "gradebook":
            expect(page.locator(".code").first).to_be_attached()
        if name == "dashboard":
            expect(page.locator(".heatmap")).to_have_count(1)
            transforms = page.evaluate(ARROW_TRANSFORMS)
            assert transforms and set(transforms) == {"matrix(-1, 0, 0, 1, 0, 0)"}, transforms
        if name == "student-profile":
            ticks = page.evaluate(TREND_TICKS_LEFT_OF_GRID)
            assert ticks and all(ticks), ticks
    assert not watcher.violations, watcher.report()
