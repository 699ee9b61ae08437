"""The learning pages and the teacher's home page show other apps' cards through slots,
and still render when no app lends to them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import pytest
from django.urls import reverse

from learnloop.core.slots import Slot
from learnloop.learning import page_extras
from learnloop.learning.page_extras import PageCard, PageCardProvider
from learnloop.learning.tests.fixtures import LearningWorld, client_for
from learnloop.testing.world import World

HELP_BUTTON = "I need help"
PAGE_SLOTS = (
    page_extras.MY_LEARNING,
    page_extras.STANDARD_DETAIL,
    page_extras.ACTIVITY_DETAIL,
    page_extras.TEACHER_HOME,
)


@contextmanager
def no_lenders(slots: tuple[Slot[PageCardProvider], ...] = PAGE_SLOTS) -> Iterator[None]:
    with ExitStack() as stack:
        for slot in slots:
            stack.enter_context(slot.emptied())
        yield


def student_pages(lw: LearningWorld) -> list[str]:
    return [
        reverse("learning_home"),
        reverse("learning_standard_detail", args=[lw.standards["6.RP.A.2"].pk]),
        reverse("learning_activity_detail", args=[lw.lesson.pk]),
    ]


def test_the_lenders_are_registered_in_their_apps_ready() -> None:
    lenders = {slot.name: {name.split(".")[1] for name in slot.names()} for slot in PAGE_SLOTS}
    assert lenders["learning.my_learning"] == {"goals", "placement"}
    assert lenders["learning.standard_detail"] == {"goals"}
    assert lenders["learning.activity_detail"] == {"goals", "teaching"}
    assert lenders["learning.teacher_home"] == {"goals"}


def test_student_pages_show_lent_cards(world: World, lw: LearningWorld) -> None:
    client = client_for(world.student)
    for url in student_pages(lw):
        page = client.get(url)
        assert page.status_code == 200, url
        assert HELP_BUTTON in page.content.decode(), url


@pytest.mark.parametrize("slot", PAGE_SLOTS, ids=lambda slot: slot.name)
def test_host_pages_render_when_a_lender_is_missing(
    world: World, lw: LearningWorld, slot: Slot[PageCardProvider]
) -> None:
    with no_lenders((slot,)):
        for user, url in [
            *[(world.student, url) for url in student_pages(lw)],
            (world.teacher, reverse("home")),
        ]:
            assert client_for(user).get(url).status_code == 200, url


def test_without_any_lender_the_help_button_and_inbox_are_gone(
    world: World, lw: LearningWorld
) -> None:
    with no_lenders():
        for url in student_pages(lw):
            page = client_for(world.student).get(url)
            assert page.status_code == 200 and HELP_BUTTON not in page.content.decode()
        home = client_for(world.teacher).get(reverse("home")).content.decode()
    assert "asked for help" not in home
    assert "asked for help" in client_for(world.teacher).get(reverse("home")).content.decode()


def test_a_card_is_drawn_with_its_own_template_in_its_place(
    world: World, lw: LearningWorld
) -> None:
    def lender(*, student: Any, **_: Any) -> list[PageCard]:
        return [
            PageCard("teaching/tests/_card.html", {"line": "Bottom line"}, "bottom", order=2),
            PageCard("teaching/tests/_card.html", {"line": "Top line"}, "top", order=1),
        ]

    with no_lenders(), page_extras.MY_LEARNING.lent(lender):
        text = client_for(world.student).get(reverse("learning_home")).content.decode()
    assert text.index("Top line") < text.index("What's next?") < text.index("Bottom line")
