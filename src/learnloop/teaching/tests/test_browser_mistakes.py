"""A teacher opens "Common mistakes this week" and makes a group in one click."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from learnloop.content.models import Choice, Item, ItemKind, Status
from learnloop.demo.seed import seed_demo
from learnloop.learning.answering.service import record_response
from learnloop.learning.engine_state import forget_cached_model
from learnloop.schools.selectors import students_for_classroom
from learnloop.teaching.models import Group
from learnloop.testing.browser import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_teacher_makes_a_group_from_a_common_mistake(page: Any, live_server: Any) -> None:
    forget_cached_model()
    demo = seed_demo()
    classroom = demo.classrooms[0]
    item = Item.objects.filter(
        kind=ItemKind.SINGLE_CHOICE,
        status=Status.PUBLISHED,
        standards__framework__classrooms=classroom,
    ).first()
    wrong = Choice.objects.filter(item=item, is_correct=False).first()
    Choice.objects.filter(pk=wrong.pk).update(feedback="Mixed up the order of the ratio")
    pair = list(students_for_classroom(classroom))[:2]
    for student in pair:
        record_response(
            student=student,
            item_id=item.pk,
            client_id=uuid.uuid4(),
            answer=wrong.identifier,
            now=timezone.now(),
        )
    sign_in(page, live_server.url, "rivera", password="learnloop")
    page.get_by_role("link", name=classroom.name).click()
    page.get_by_role("navigation", name=classroom.name).get_by_role(
        "link", name="Common mistakes"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Common mistakes this week")
    expect(page.get_by_text("Mixed up the order of the ratio").first).to_be_visible()
    screenshot(page, "teaching-mistakes")
    before = Group.objects.filter(classroom=classroom).count()
    page.get_by_role("button", name="Make this group").first.click()
    expect(page.get_by_text("saved with")).to_be_visible()
    assert Group.objects.filter(classroom=classroom).count() == before + 1
    screenshot(page, "teaching-mistakes-group-made")
    page.get_by_role("link", name="How to use this page").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Common mistakes")
    screenshot(page, "teaching-help-mistakes")
