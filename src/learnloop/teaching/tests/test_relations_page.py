"""The class's "standards that go together" page: relations from its answers, in words."""

from __future__ import annotations

import uuid

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.content.services import set_activity_items
from learnloop.learning.answering.service import record_response
from learnloop.learning.tests.fixtures import LearningWorld, numeric_item
from learnloop.teaching.tests.helpers import add_students
from learnloop.testing.world import World


def _page(world: World) -> str:
    client = Client()
    client.force_login(world.teacher)
    response = client.get(reverse("teaching_class_relations", args=[world.classroom.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_without_answers_the_page_says_why_it_is_empty(world: World, lw: LearningWorld) -> None:
    text = _page(world)
    assert "Standards that go together in" in text
    assert "Not enough answers yet" in text and "No order stands out" in text


def test_standards_missed_together_are_said_in_words(world: World, lw: LearningWorld) -> None:
    other = numeric_item(9, lw.standards["6.RP.A.1"])
    set_activity_items(activity=lw.practice, items=[*lw.items, other])
    items = (other, lw.items[0])  # 6.RP.A.1 first, as the framework orders them
    for n, student in enumerate(add_students(world.classroom, 12)):
        weak = n % 2 == 0
        for item in items:
            for _ in range(2):
                record_response(
                    student=student,
                    item_id=item.pk,
                    client_id=uuid.uuid4(),
                    answer="7" if weak else "3",
                    activity=lw.practice.pk,
                    now=timezone.now(),
                )
    text = _page(world)
    assert "Students who miss 6.RP.A.2 usually also miss 6.RP.A.1" in text
    assert "Students who miss 6.RP.A.1 usually also miss 6.RP.A.2" in text
    assert "6.RP.A.1 usually comes before 6.RP.A.2" in text
    assert "The framework lists it as a prerequisite too." in text
    assert "6.RP.A.2 usually comes before" not in text


def test_a_standard_with_a_machine_name_is_named_by_its_statement(
    world: World, lw: LearningWorld
) -> None:
    """An OATutor skill used as a code reads as its statement (standards/naming.py)."""
    skill = lw.standards["6.RP.A.1"]
    skill.code, skill.abbreviated_statement = "write_ratios_of_two_quantities", "Write ratios"
    skill.save(update_fields=["code", "abbreviated_statement"])
    other = numeric_item(9, skill)
    set_activity_items(activity=lw.practice, items=[*lw.items, other])
    for n, student in enumerate(add_students(world.classroom, 12)):
        for item in (other, lw.items[0]):
            for _ in range(2):
                record_response(
                    student=student, item_id=item.pk, client_id=uuid.uuid4(),
                    answer="7" if n % 2 == 0 else "3", activity=lw.practice.pk,
                    now=timezone.now(),
                )  # fmt: skip
    text = _page(world)
    assert "Students who miss 6.RP.A.2 usually also miss Write ratios" in text
    assert "Write ratios usually comes before 6.RP.A.2" in text
    assert "write_ratios" not in text
