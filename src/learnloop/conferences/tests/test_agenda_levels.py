"""A struggle line names the standard's level as every page shows it today, even when
the agenda was made before the level changed (found walking the demo as the teacher)."""

from __future__ import annotations

import uuid

import pytest

from learnloop.conferences.agenda import AgendaLine
from learnloop.conferences.reading import with_todays_levels
from learnloop.conferences.services import request_conference
from learnloop.conferences.tests.helpers import answer, client_for
from learnloop.engine.levels import Level
from learnloop.gradebook.services import record_observation
from learnloop.learning.models import MasteryState
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

CODE = "6.RP.A.2"


def test_the_agenda_page_shows_todays_level_not_the_one_frozen_in_it(
    world: World, lw: LearningWorld
) -> None:
    answer(world.student, lw.items[0], correct=False, times=3)
    conference = request_conference(
        student=world.student, teacher=world.teacher, requested_by=world.teacher,
        topic="Ratios", client_id=uuid.uuid4(),
    )  # fmt: skip
    assert "level Practicing" in str(conference.agenda)
    record_observation(
        observer=world.teacher, student=world.student, standard=lw.standards[CODE],
        level=Level.MASTERED, client_id=uuid.uuid4(),
    )  # fmt: skip
    today = Level(
        MasteryState.objects.get(student=world.student, standard=lw.standards[CODE]).combined_level
    )
    assert today != Level.PRACTICING
    for who in ("teacher", "student"):
        page = client_for(getattr(world, who)).get(f"/conferences/{conference.pk}/")
        text = page.content.decode()
        assert f"Struggling with {CODE}" in text
        assert f"level {today.label}," in text and "level Practicing," not in text


def test_only_struggle_lines_with_a_stored_level_change() -> None:
    lines = [
        AgendaLine("struggle", "Struggling with A: level Familiar, mastery 70%", "A"),
        AgendaLine("struggle", "Struggling with B: level Familiar, mastery 70%", "B"),
        AgendaLine("help", "Asked for help: “my level Familiar is wrong”", "A"),
    ]
    shown = with_todays_levels(lines, {"A": Level.PROFICIENT})
    assert [line.text for line in shown] == [
        "Struggling with A: level Proficient, mastery 70%",
        "Struggling with B: level Familiar, mastery 70%",
        "Asked for help: “my level Familiar is wrong”",
    ]


def test_a_line_that_keeps_its_standard_reads_that_standards_level() -> None:
    """Two frameworks' standards of one code: each line reads its own standard's level
    (by id); a line stored before lines kept the id still reads by code."""
    facts = {"code": "1.1", "wrong": 0, "attempts": 3, "level": 1, "percent": 40}
    first = AgendaLine("struggle", "", "1.1", {"standard_id": 7}, facts)
    second = AgendaLine("struggle", "", "1.1", {"standard_id": 8}, facts)
    old = AgendaLine("struggle", "Struggling with 1.1: level Familiar, mastery 40%", "1.1")
    shown = with_todays_levels(
        [first, second, old], {7: Level.MASTERED, 8: Level.FAMILIAR, "1.1": Level.PROFICIENT}
    )
    assert "level Mastered" in shown[0].text and "level Familiar" in shown[1].text
    assert shown[2].text == "Struggling with 1.1: level Proficient, mastery 40%"


def test_the_agenda_page_names_a_codeless_standard_and_reads_its_level(
    world: World, lw: LearningWorld
) -> None:
    """Through the real selectors: a standard imported with no code is named by its
    statement on the conference page, with today's level."""
    standard = lw.standards[CODE]
    standard.code = ""
    standard.abbreviated_statement = "Unit rates in context"
    standard.save()
    answer(world.student, lw.items[0], correct=False, times=3)
    conference = request_conference(
        student=world.student, teacher=world.teacher, requested_by=world.teacher,
        topic="Ratios", client_id=uuid.uuid4(),
    )  # fmt: skip
    (line,) = [line for line in conference.agenda if line["kind"] == "struggle"]
    assert line["extra"] == {"standard_id": standard.pk}
    record_observation(
        observer=world.teacher, student=world.student, standard=standard,
        level=Level.MASTERED, client_id=uuid.uuid4(),
    )  # fmt: skip
    today = Level(MasteryState.objects.get(student=world.student, standard=standard).combined_level)
    text = client_for(world.teacher).get(f"/conferences/{conference.pk}/").content.decode()
    assert "Struggling with Unit rates in context: " in text
    assert f"level {today.label}," in text and "Struggling with : " not in text
