"""A practice session that teaches, in a real browser (issue 17 section 4).

A student who answers everything wrong sees a hint, a scaffold, the worked solution, a
second try, the help button, and after three missed items the session ends with a
summary that offers the lesson; a student who answers right reaches the end sooner.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.content.models import ItemStep, StepHint, StepKind
from learnloop.engine.practice_policy import EndReason
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import PracticeSession
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser
MAX_ITEMS = 12


def build() -> tuple[Any, LearningWorld]:
    forget_cached_model()
    world = build_world()
    lw = learning_world(world)
    lw.practice.extra = {"practice": {"target": "mastery", "max_items": MAX_ITEMS}}
    lw.practice.save(update_fields=["extra"])
    for item in lw.items:
        step = ItemStep.objects.create(item=item, identifier=f"s{item.pk}", problem_type="TextBox")
        StepHint.objects.create(
            step=step,
            identifier=f"h{item.pk}",
            kind=StepKind.SCAFFOLD,
            title="How many pencils are there?",
            answers=["the count in the question"],
        )
    return world, lw


def answer(page: Any, *, right: bool) -> None:
    choices = page.locator("input[name=answer][type=radio]")
    if choices.count():
        page.locator(f"input[name=answer][value='{'a' if right else 'b'}']").check()
    else:
        page.get_by_label("Your answer", exact=True).fill("3" if right else "4")
    page.get_by_role("button", name="Check my answer").click()
    page.wait_for_load_state("load")  # the feedback page, scripts and all, before looking


def test_a_struggling_student_gets_help_then_the_lesson_and_a_summary(
    page: Any, live_server: Any
) -> None:
    world, lw = build()
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/activities/{lw.practice.pk}/practice/")
    expect(page.locator(".practice-progress")).to_contain_text("done (at most 12)")
    page.get_by_role("button", name="I'd like a hint").click()
    expect(page.locator(".hint").first).to_be_visible()
    while page.get_by_role("button", name="Another hint").count():
        page.get_by_role("button", name="Another hint").click()
    page.get_by_role("button", name="Break it into smaller steps").click()
    expect(page.locator(".scaffold")).to_contain_text("How many pencils are there?")
    # The scaffold is a sub-question: answered and checked on the page, its answer not shown.
    expect(page.locator(".scaffold")).not_to_contain_text("the count in the question")
    step_answer = page.get_by_label("Your answer to smaller step 1")
    step_answer.fill("all of them")
    page.get_by_role("button", name="Check this step").click()
    expect(page.locator(".scaffold [role=status]")).to_contain_text("Not quite.")
    page.get_by_label("Your answer to smaller step 1").fill("The count in the question")
    page.get_by_label("Your answer to smaller step 1").press("Enter")  # the keyboard way
    expect(page.locator(".scaffold [role=status]")).to_contain_text("Right! That step is done.")
    screenshot(page, "practice-scaffold-answered")
    page.get_by_role("button", name="Show me the worked solution").click()
    expect(page.locator(".solution").first).to_be_visible()
    expect(page.get_by_role("button", name="I need help")).to_be_visible()
    screenshot(page, "practice-help-in-order")
    answers = 0
    while answers < 2 * MAX_ITEMS:
        answer(page, right=False)
        answers += 1
        expect(page.get_by_role("button", name="I need help")).to_be_visible()  # feedback page
        if page.get_by_role("link", name="See how this session went").count():
            break
        next_link = page.get_by_role("link", name="Try again")
        if not next_link.count():
            next_link = page.get_by_role("link", name="Next question")
        next_link.click()
    # Three items missed, then it stops piling on: the first once (no second try after
    # the worked solution), the next two twice.
    assert answers == 5
    page.get_by_role("link", name="See how this session went").click()
    body = page.locator("main").inner_text()
    assert "Mistakes to look at again" in body and "What to do next" in body
    expect(page.get_by_role("link", name="Lesson: What is a unit rate?")).to_be_visible()
    expect(page.get_by_role("button", name="I need help")).to_be_visible()
    screenshot(page, "practice-summary-routed")
    session = PracticeSession.objects.get(student=world.student)
    assert session.end_reason == EndReason.ROUTED


def test_a_student_who_answers_right_reaches_the_end_sooner(page: Any, live_server: Any) -> None:
    world, lw = build()
    sign_in(page, live_server.url, world.student.username)
    page.goto(f"{live_server.url}/learn/activities/{lw.practice.pk}/practice/")
    answers = 0
    while answers < MAX_ITEMS:
        answer(page, right=True)
        answers += 1
        if page.get_by_role("link", name="See how this session went").count():
            break
        page.get_by_role("link", name="Next question").click()
    assert answers < MAX_ITEMS
    page.get_by_role("link", name="See how this session went").click()
    body = page.locator("main").inner_text()
    assert "You reached mastery" in body and "(up)" in body
    screenshot(page, "practice-summary-mastered")


def test_a_multi_step_problem_is_answered_step_by_step_by_keyboard(
    page: Any, live_server: Any
) -> None:
    """The made-up pool's two-step problem (upstream format): a math step, then a choice
    step, by keyboard alone; the first step's result stays in view; the session ends and
    reopening the page shows its summary until "Practice again"."""
    from pathlib import Path

    from learnloop.content.models import Activity, Item, Source
    from learnloop.content.oatutor_import import import_oatutor
    from learnloop.content.services import set_activity_items
    from learnloop.standards.models import Framework
    from learnloop.standards.services import adopt_framework

    forget_cached_model()
    world = build_world()
    pool = Path(__file__).parents[2] / "content" / "tests" / "fixtures" / "oatutor" / "pool"
    import_oatutor(path=pool, courses=["made-up fractions"])
    adopt_framework(
        classroom=world.classroom, framework=Framework.objects.get(title="Made-up Fractions")
    )
    item = Item.objects.get(source=Source.OATUTOR, source_identifier="shared:fracSteps1")
    activity = Activity.objects.filter(items=item).get()
    set_activity_items(activity=activity, items=[item])
    activity.extra = {**(activity.extra or {}), "practice": {"target": "items", "items": 1}}
    activity.save(update_fields=["extra"])
    sign_in(page, live_server.url, world.student.username)
    practice = f"{live_server.url}/learn/activities/{activity.pk}/practice/"
    page.goto(practice)
    steps = page.locator("#steps")
    expect(steps).to_contain_text("This question has 2 steps.")
    expect(page.get_by_role("button", name="Check my answer")).to_have_count(0)
    page.get_by_label("Your answer to step 1").focus()
    page.keyboard.type("4")
    with page.expect_navigation():  # the form's submission, then the page it leads to
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator("#steps [role=status]")).to_contain_text("second try at this step")
    page.get_by_label("Your answer to step 1").focus()
    page.keyboard.type("3")
    with page.expect_navigation():  # the form's submission, then the page it leads to
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator(".step--done")).to_contain_text("You answered 3: right.")
    expect(page.locator(".step--current")).to_contain_text("Step 2:")
    screenshot(page, "practice-multi-step")
    page.get_by_role("radio", name="Yes").focus()
    page.keyboard.press("Space")
    assert page.get_by_role("radio", name="Yes").is_checked()
    page.get_by_role("button", name="Check my answer").focus()
    with page.expect_navigation():  # the form's submission, then the page it leads to
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Correct")
    page.get_by_role("link", name="See how this session went").focus()
    with page.expect_navigation():  # the form's submission, then the page it leads to
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    page.goto(practice)  # reopened after the end: the summary, not a new session
    expect(page.locator("main")).to_contain_text("Session summary")
    page.get_by_role("button", name="Practice again").focus()
    with page.expect_navigation():  # the form's submission, then the page it leads to
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.locator(".step--current")).to_contain_text("Step 1:")
    assert PracticeSession.objects.filter(student=world.student).count() == 2
