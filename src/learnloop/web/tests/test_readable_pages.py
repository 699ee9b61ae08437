"""Real pages read dates and counts in the reader's language (issue 22, "Languages").

A student's My learning (English, Spanish, Arabic) and their guardian's page (English,
Spanish): the goal's date in the language's order ("Tue 7 Dec" / "mar 7 dic" / "7 de dic.
de 2027"), the mastery map's counts with the language's grouping ("1,234" / "1.234").
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client

from learnloop.accounts.models import User
from learnloop.goals.models import GoalKind
from learnloop.goals.services import create_goal
from learnloop.learning.tests.fixtures import learning_world
from learnloop.standards.models import Standard
from learnloop.testing.world import World

COUNT = 1234
TARGET = dt.date(2027, 12, 7)  # a Tuesday
SET_ON = dt.datetime(2027, 11, 20, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def big_class(world: World) -> World:
    """The student's class follows 1,234 standards, none started, and one goal is due."""
    lw = learning_world(world)
    framework = lw.standards["6.RP.A.2"].framework
    leaves = Standard.objects.filter(framework=framework, children__isnull=True).count()
    Standard.objects.bulk_create(
        Standard(framework=framework, identifier=f"bulk-{n}", code=f"Z.{n}", full_statement="x")
        for n in range(COUNT - leaves)
    )
    create_goal(
        student=world.student,
        kind=GoalKind.STANDARDS,
        title="Show unit rates",
        target_on=TARGET,
        client_id=uuid.uuid4(),
        standards=[lw.standards["6.RP.A.2"]],
        now=SET_ON,
    )
    return world


def _page(user: User, language: str, path: str) -> str:
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "day", "count"),
    [("en", "Tue 7 Dec", "1,234"), ("es", "mar 7 dic", "1.234"), ("ar", "ديسمبر", "1.234")],
)
def test_my_learning_reads_dates_and_counts_in_the_language(
    big_class: World, language: str, day: str, count: str
) -> None:
    page = _page(big_class.student, language, "/learn/")
    assert day in page
    assert f">{count}</span>" in page  # the mastery map's count of standards not started
    assert "Dec 7" not in page and ">1234<" not in page
    if language == "ar":
        assert "7 ديسمبر" in page and 'dir="rtl"' in page


@pytest.mark.parametrize(
    ("language", "date", "count"),
    [("en", "7 Dec 2027", "1,234"), ("es", "7 de dic. de 2027", "1.234")],
)
def test_the_family_page_reads_dates_and_counts_in_the_language(
    big_class: World, language: str, date: str, count: str
) -> None:
    page = _page(big_class.guardian, language, f"/family/students/{big_class.student.pk}/")
    assert date in page
    assert f">{count}</span>" in page
    if language == "es":
        assert "Dec 2027" not in page


def test_a_spanish_students_board_and_self_rating_scale_are_in_spanish(world: World) -> None:
    """The choice board's card labels ("Práctica", never the engine's "Practice") and
    the "I can ..." scale on a standard's page are translated, not left in English."""
    lw = learning_world(world)
    page = _page(world.student, "es", "/learn/")
    kinds = re.findall(r'<span class="board__kind">([^<·]+)', page)
    assert kinds, "the board shows no option"
    english = {"Assignment", "Action", "Review", "Practice", "Lesson", "Project", "Stretch"}
    assert not {kind.strip() for kind in kinds} & english, kinds
    standard = lw.standards["6.RP.A.2"]
    page = _page(world.student, "es", f"/learn/standards/{standard.pk}/")
    assert "Puedo con ayuda" in page and "I can with help" not in page
