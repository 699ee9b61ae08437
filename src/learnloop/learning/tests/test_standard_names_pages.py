"""Every page that shows a standard to a student, a family or a teacher names it by one rule
(`standards.naming`): an OATutor skill name used as the code reads as words, a real code
("6.RP.A.1") stays a code; the heatmap's headers tell Common Core columns apart."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.content.drafts import ActivityDraft
from learnloop.content.models import ActivityKind, Modality, Status
from learnloop.content.services import create_activity, set_activity_items
from learnloop.family.digest import child_digest, preference_for
from learnloop.family.email import digest_message
from learnloop.goals.models import GoalKind
from learnloop.goals.services import ask_for_help, create_goal
from learnloop.gradebook.services import record_observation
from learnloop.learning.answering.service import record_response
from learnloop.learning.catalog import forget_catalogs
from learnloop.learning.reasons import reason_text
from learnloop.learning.selectors import board_for_student
from learnloop.learning.tests.fixtures import (
    LearningWorld,
    client_for,
    numeric_item,
    practice_url,
)
from learnloop.portfolio.models import Artifact, ArtifactKind
from learnloop.portfolio.services import add_artifact
from learnloop.standards.models import Standard
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

SKILL = "solve_equations_using_the_division_property_of_equality"
WORDS = "Solve equations using the division property of equality"
SHORT_SKILL = "find_unit_rates"
SHORT_WORDS = "Unit rates in a table"  # its abbreviated statement, read instead of the code


@pytest.fixture
def skill(world: World, lw: LearningWorld) -> Standard:
    """6.RP.A.2 imported from OATutor (code = skill name), practised, in a goal, a
    portfolio piece, a help request and an observation; 6.NS.A.1 an untouched skill."""
    standard = lw.standards["6.RP.A.2"]
    standard.code, standard.abbreviated_statement, standard.full_statement = SKILL, "", WORDS
    standard.save()
    other = lw.standards["6.NS.A.1"]
    other.code, other.abbreviated_statement = SHORT_SKILL, SHORT_WORDS
    other.save()
    practice = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(
            kind=ActivityKind.PRACTICE, title="Dividing fractions", modality=Modality.DO
        ),
        standards=[other],
        status=Status.PUBLISHED,
    )
    set_activity_items(activity=practice, items=[numeric_item(9, other)])
    forget_catalogs()
    student = world.student
    for item, answer in ((0, "3"), (1, "5"), (2, "7")):
        record_response(
            student=student, item_id=lw.items[item].pk, client_id=uuid.uuid4(), answer=answer
        )
    create_goal(
        student=student,
        kind=GoalKind.STANDARDS,
        title="Get better",
        target_on=timezone.localdate() + dt.timedelta(days=20),
        client_id=uuid.uuid4(),
        standards=[standard],
    )
    add_artifact(
        student=student,
        client_id=uuid.uuid4(),
        kind=ArtifactKind.TEXT,
        title="My equations",
        body="I divided both sides.",
        standards=[standard],
        shared_with_family=True,
    )
    ask_for_help(student=student, activity=lw.practice, topics=[standard], message="stuck")
    record_observation(
        observer=world.teacher, student=student, standard=standard, level=2, client_id=uuid.uuid4()
    )
    return standard


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def _names_by_words(html: str, url: str) -> None:
    assert SKILL not in html and SHORT_SKILL not in html, url
    assert WORDS in html, url


def test_students_read_words_not_skill_names(
    world: World, lw: LearningWorld, skill: Standard
) -> None:
    student = client_for(world.student)
    artifact = Artifact.objects.get(student=world.student)
    for url in [
        reverse("learning_home"),  # the mastery map and the board's reasons
        reverse("learning_standard_detail", args=[skill.pk]),
        reverse("learning_activity_list"),
        reverse("learning_activity_detail", args=[lw.practice.pk]),
        reverse("learning_mistakes"),
        practice_url(lw),  # the help button's topics and the open request
        reverse("goals_home"),
        reverse("portfolio_mine"),
        reverse("portfolio_artifact", args=[artifact.pk]),
    ]:
        _names_by_words(_page(student, url), url)
    home = _page(student, reverse("learning_home"))
    assert SHORT_WORDS in home  # a standard not started: the board's "Start …" and the map
    assert "6.RP.A.1" in home  # a real code stays a code


MAP = re.compile(r'<ul class="mastery-map">(.*?)</ul>', re.S)
TILE = re.compile(r"<li.*?</li>", re.S)


def test_a_map_tile_names_a_skill_once(world: World, lw: LearningWorld, skill: Standard) -> None:
    """The student's and the family's maps: a skill's tile says its statement once (the
    label is the statement), a coded standard's tile gives code and statement."""
    pages = [
        _page(client_for(world.student), reverse("learning_home")),
        _page(client_for(world.guardian), reverse("family_student", args=[world.student.pk])),
    ]
    for html in pages:
        found = MAP.search(html)
        assert found is not None
        tiles = TILE.findall(found.group(1))
        skill_tiles = [tile for tile in tiles if WORDS in tile]
        assert len(skill_tiles) == 1 and skill_tiles[0].count(WORDS) == 1
        assert "tile__code--words" in skill_tiles[0] and "tile__name" not in skill_tiles[0]
        coded = next(tile for tile in tiles if "6.RP.A.1" in tile)
        assert "tile__code--words" not in coded and "tile__name" in coded


def test_the_board_suggests_the_next_step_in_words(world: World, skill: Standard) -> None:
    board = board_for_student(world.student, timezone.now(), limit=50)
    said = " ".join(f"{option.title} {reason_text(option.reason)}" for option in board)
    assert SKILL not in said and SHORT_SKILL not in said
    assert f"Start {SHORT_WORDS}: a good next step." in said


def test_families_read_words_in_pages_and_the_digest(world: World, skill: Standard) -> None:
    guardian = client_for(world.guardian)
    for url in [
        reverse("family_student", args=[world.student.pk]),
        reverse("family_report", args=[world.student.pk]),
    ]:
        _names_by_words(_page(guardian, url), url)
    now = timezone.now()
    digest = child_digest(
        world.student, since=now - dt.timedelta(days=7), now=now, levels_before=None
    )
    message = digest_message(world.guardian, preference_for(world.guardian), [digest], now)
    html = str(message.alternatives[0][0])
    for text in (message.body, html):
        assert SKILL not in text and WORDS in text
        assert f"{WORDS} {WORDS}" not in text and f"{WORDS} ({WORDS}" not in text  # once


def test_teachers_read_words_too(world: World, skill: Standard) -> None:
    teacher = client_for(world.teacher)
    classroom = world.classroom.pk
    for url in [
        reverse("teaching_class_dashboard", args=[classroom]),
        reverse("gradebook_class", args=[classroom]),
        reverse("gradebook_student", args=[world.student.pk]),
        reverse("gradebook_cell", args=[world.student.pk, skill.pk]),
        reverse("teaching_student_profile", args=[world.student.pk]),
        reverse("teaching_class_mistakes", args=[classroom]),
        reverse("teaching_group_list", args=[classroom]),
        reverse("goals_teacher"),
        reverse("goals_student", args=[world.student.pk]),
    ]:
        _names_by_words(_page(teacher, url), url)


def test_authoring_and_framework_pages_read_words_too(
    world: World, lw: LearningWorld, skill: Standard
) -> None:
    """The library, the item bank, previews and the framework's tree name a skill by its
    statement; the standard's own page names it so and gives the framework's code once."""
    teacher = client_for(world.teacher)
    item = next(i for i in lw.items if i.standards.filter(pk=skill.pk).exists())
    for url in [
        reverse("content_library"),
        reverse("content_items"),
        reverse("content_activity_preview", args=[lw.practice.pk]),
        reverse("content_item_preview", args=[item.pk]),
        reverse("standards_framework_detail", args=[lw.framework.pk]),
    ]:
        _names_by_words(_page(teacher, url), url)
    html = _page(teacher, reverse("standards_standard_detail", args=[lw.framework.pk, skill.pk]))
    assert f'<h1><span class="std-title">{WORDS}</span></h1>' in html
    assert html.count(SKILL) == 1 and f'Code in the framework: <bdi dir="ltr">{SKILL}' in html
    assert 'class="std-statement"' not in html  # the statement is the heading: not twice


HEADER = re.compile(r'<th scope="col"[^>]*><a [^>]*>(.*?)</a></th>')


def test_heatmap_headers_tell_common_core_columns_apart(world: World, lw: LearningWorld) -> None:
    for standard in Standard.objects.filter(framework=lw.framework):
        standard.code = f"CCSS.Math.Content.{standard.code}"
        standard.save()
    forget_catalogs()
    html = _page(
        client_for(world.teacher), reverse("teaching_class_dashboard", args=[world.classroom.pk])
    )
    headers = HEADER.findall(html)[1:]  # after "Student"
    assert headers
    first = headers[0]
    assert re.fullmatch(
        r'<span class="visually-hidden">CCSS\.Math\.Content\.(\S+)</span>'
        r'<span aria-hidden="true"><bdi dir="ltr">\1</bdi></span>',  # left to right in Arabic
        first,
    ), first
    shown = [re.search(r'aria-hidden="true"><bdi dir="ltr">([^<]*)<', h).group(1) for h in headers]  # type: ignore[union-attr]
    assert len(set(shown)) == len(shown)
    assert all(not text.startswith("CCSS") for text in shown)
    assert "6.RP.A.2" in shown
