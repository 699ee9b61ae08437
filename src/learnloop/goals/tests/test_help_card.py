"""The practice pages' help button: read in one plain statement, shown as the ORM shows it."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from learnloop.goals import selectors
from learnloop.goals.integrations import practice_cards
from learnloop.goals.models import HelpRequest
from learnloop.goals.services import ask_for_help
from learnloop.learning.page_extras import PageCard, Topic
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_topics(lw: LearningWorld) -> None:
    """The practice activity on a second standard, added after the first: the topics
    come back by code, not as stored."""
    lw.practice.standards.add(lw.standards["6.RP.A.1"])


def through_the_orm(world: World, lw: LearningWorld) -> PageCard:
    """The card as it was built before the plain read: a QuerySet for each part."""
    topics = [Topic(s.pk, s.code) for s in lw.practice.standards.order_by("code")]
    context = {
        "help_state": selectors.help_state_for_student(world.student),
        "activity": lw.practice,
        "topics": topics,
    }
    return PageCard("goals/cards/help_button.html", context, "bottom")


CSRF = re.compile(r'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')


def rendered(card: PageCard) -> str:
    request = RequestFactory().get("/learn/practice/1/")
    request.user = None  # type: ignore[assignment]
    html = render_to_string(card.template, {"card": card}, request=request)
    return CSRF.sub("", html)  # masked anew for each render


ASKED: dict[str, Callable[[World, LearningWorld], Any]] = {
    "nothing asked": lambda world, lw: None,
    "several topics on the activity": lambda world, lw: ask_for_help(
        student=world.student,
        activity=lw.practice,
        topics=[lw.standards["6.RP.A.2"], lw.standards["6.RP.A.1"]],
    ),
    "one standard": lambda world, lw: ask_for_help(
        student=world.student, standard=lw.standards["6.RP.A.1"]
    ),
    "the activity only": lambda world, lw: ask_for_help(
        student=world.student, activity=lw.practice
    ),
    "a message only": lambda world, lw: ask_for_help(student=world.student, message="Stuck"),
}


@pytest.mark.parametrize("asked", list(ASKED))
def test_the_plain_read_shows_what_the_orm_showed_in_one_statement(
    world: World, lw: LearningWorld, asked: str
) -> None:
    ASKED[asked](world, lw)
    ask_for_help(student=world.other_student, message="not mine")  # another student's
    with CaptureQueriesContext(connection) as captured:
        (card,) = practice_cards(student=world.student, activity=lw.practice)
    assert len(captured) == 1
    expected = through_the_orm(world, lw)
    assert card.context["topics"] == expected.context["topics"]
    assert len(card.context["topics"]) >= 2
    assert rendered(card) == rendered(expected)
    shown = card.context["help_state"].open_request
    stored = HelpRequest.objects.filter(student=world.student, resolved_at=None).first()
    assert (shown is None) == (stored is None)
    if stored is not None:
        assert shown.created_at == stored.created_at
        assert shown.topic_labels == stored.topic_labels
        assert (shown.standard_label, shown.activity_title) == (
            stored.standard_label,
            stored.activity_title,
        )


def test_a_resolved_request_is_not_shown(world: World, lw: LearningWorld) -> None:
    from django.utils import timezone

    ask_for_help(student=world.student, activity=lw.practice)
    HelpRequest.objects.update(resolved_at=timezone.now())
    (card,) = practice_cards(student=world.student, activity=lw.practice)
    assert card.context["help_state"].open_request is None
    assert "I need help" in rendered(card)
    # Said on screen, not to screen readers only: "Which topics?" alone says not what for.
    assert '<h2 id="help-heading" class="help-card__title">Ask your teacher for help</h2>' in (
        rendered(card)
    )


def test_the_answer_path_reads_nothing(world: World, lw: LearningWorld) -> None:
    topics = [Topic(lw.standards["6.RP.A.2"].pk, "6.RP.A.2")]
    with CaptureQueriesContext(connection) as captured:
        (card,) = practice_cards(
            student=world.student, activity=lw.practice, topics=topics, answer_path=True
        )
    assert len(captured) == 0 and card.context["topics"] == topics
