"""The stored level follows every write of evidence, and the rebuild command restores it."""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse

from learnloop.conferences.services import add_note, request_conference
from learnloop.conferences.tests.helpers import answer, client_for
from learnloop.engine.levels import Level
from learnloop.engine.standing import EvidenceSummary, practice_piece, standing
from learnloop.gradebook.services import override_grade, record_observation, remove_override
from learnloop.learning.models import MasteryState
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.portfolio.services import remove_artifact, score_artifact, update_artifact
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

CODE = "6.RP.A.2"


def cell(world: World, lw: LearningWorld, code: str = CODE) -> MasteryState:
    return MasteryState.objects.get(student=world.student, standard=lw.standards[code])


def recomputed(state: MasteryState) -> Level:
    """What the engine's rule gives from the row's parts, independently of the stored level."""
    practice = practice_piece(state.level, state.attempts, state.last_practiced_at)
    return standing(practice, EvidenceSummary.from_dict(state.evidence_summary)).level


def observe(world: World, lw: LearningWorld, level: int, code: str = CODE) -> None:
    record_observation(
        observer=world.teacher, student=world.student, standard=lw.standards[code],
        level=level, client_id=uuid.uuid4(),
    )  # fmt: skip


def test_an_observation_alone_makes_a_cell_with_no_answers(world: World, lw: LearningWorld) -> None:
    observe(world, lw, Level.PROFICIENT, code="6.RP.A.1")
    state = cell(world, lw, "6.RP.A.1")
    assert (state.attempts, state.level, state.combined_level) == (0, 0, Level.PROFICIENT)
    page = client_for(world.student).get(reverse("learning_home")).content.decode()
    detail = reverse("learning_standard_detail", args=[lw.standards["6.RP.A.1"].pk])
    assert f'tile level--proficient" href="{detail}"' in page


def test_answers_after_an_observation_keep_it_in_the_level(world: World, lw: LearningWorld) -> None:
    observe(world, lw, Level.MASTERED)
    answer(world.student, lw.items[0], correct=False, times=3)
    state = cell(world, lw)
    assert state.attempts == 3 and state.level == Level.PRACTICING
    assert state.combined_level == recomputed(state) > Level.PRACTICING


def test_removing_an_override_returns_to_the_evidence(world: World, lw: LearningWorld) -> None:
    answer(world.student, lw.items[0], correct=True, times=4)
    evidence_level = cell(world, lw).combined_level
    standard = lw.standards[CODE]
    override_grade(
        teacher=world.teacher, student=world.student, standard=standard,
        level=Level.NOT_STARTED, reason="Copied from a friend",
    )  # fmt: skip
    assert cell(world, lw).combined_level == Level.NOT_STARTED
    remove_override(
        teacher=world.teacher, student=world.student, standard=standard, reason="Redone"
    )
    assert cell(world, lw).combined_level == evidence_level == recomputed(cell(world, lw))


def test_a_shared_conference_note_counts_and_a_private_one_does_not(
    world: World, lw: LearningWorld
) -> None:
    conference = request_conference(
        student=world.student, teacher=world.teacher, requested_by=world.teacher, topic="",
        client_id=uuid.uuid4(),
    )  # fmt: skip
    for visibility, code in (("private", "6.RP.A.1"), ("shared", CODE)):
        add_note(
            conference=conference, author=world.teacher, text="Explained it", visibility=visibility,
            standard=lw.standards[code], level=Level.FAMILIAR, client_id=uuid.uuid4(),
        )  # fmt: skip
    assert cell(world, lw).combined_level == Level.FAMILIAR
    assert not MasteryState.objects.filter(standard=lw.standards["6.RP.A.1"]).exists()


def test_untagging_or_removing_scored_work_takes_its_score_out(
    world: World, lw: LearningWorld
) -> None:
    pw = portfolio_world(world)
    rubric = pw.project.rubric
    top = {c.pk: max(c.levels.all(), key=lambda lv: lv.points).pk for c in rubric.criteria.all()}
    score_artifact(artifact=pw.shared, scorer=world.teacher, levels=top)
    assert cell(world, lw).combined_level == Level.MASTERED
    update_artifact(
        artifact=pw.shared, title=pw.shared.title, reflection=pw.shared.reflection,
        standards=[lw.standards["6.RP.A.1"]], activity=pw.project, shared_with_family=True,
        showcase=False,
    )  # fmt: skip
    assert cell(world, lw).combined_level == Level.NOT_STARTED
    assert cell(world, lw, "6.RP.A.1").combined_level == Level.MASTERED
    remove_artifact(artifact=pw.shared)
    assert cell(world, lw, "6.RP.A.1").combined_level == Level.NOT_STARTED


def test_the_rebuild_command_restores_levels_from_all_the_evidence(
    world: World, lw: LearningWorld
) -> None:
    answer(world.student, lw.items[0], correct=True, times=5)
    observe(world, lw, Level.PRACTICING)
    observe(world, lw, Level.MASTERED, code="6.RP.A.1")
    kept = dict(MasteryState.objects.values_list("standard_id", "combined_level"))
    MasteryState.objects.update(combined_level=0, evidence_summary=None)
    MasteryState.objects.filter(attempts=0).delete()
    call_command("rebuild_levels", stdout=None)
    assert dict(MasteryState.objects.values_list("standard_id", "combined_level")) == kept
