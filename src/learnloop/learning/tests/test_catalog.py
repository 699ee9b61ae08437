"""The board's cached catalog: one query when warm, fresh after any authoring change."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from learnloop.accounts.models import User
from learnloop.content.drafts import ActivityDraft
from learnloop.content.models import ActivityKind, Modality, Status
from learnloop.content.services import create_activity
from learnloop.engine.levels import Level
from learnloop.learning import catalog
from learnloop.learning.answering.queries import answer_counts
from learnloop.learning.answering.service import record_response
from learnloop.learning.catalog import catalog_for_student
from learnloop.learning.selectors import board_for_student
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.standards.services import adopt_framework
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def test_a_warm_catalog_costs_one_query(
    world: World, lw: LearningWorld, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    cold = catalog_for_student(world.student)
    assert lw.practice.pk in {a.activity_id for _, a in cold.activities}
    assert lw.standards["6.RP.A.2"].pk in {entry.pk for entry in cold.standards}
    student = User.objects.get(pk=world.student.pk)  # as a new request loads its user
    with django_assert_num_queries(1):  # which frameworks the student's classes follow
        assert catalog_for_student(student) is cold
    with django_assert_num_queries(0):  # and the same request asks no more
        assert catalog_for_student(student) is cold


def test_new_content_reaches_the_board_at_once(world: World, lw: LearningWorld) -> None:
    before = catalog_for_student(world.student)
    video = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(
            kind=ActivityKind.LESSON,
            title="Rates video",
            body="<p>Watch rates at work.</p>",
            modality=Modality.WATCH,
        ),
        standards=[lw.standards["6.RP.A.2"]],
        status=Status.PUBLISHED,
    )
    after = catalog_for_student(world.student)
    assert after is not before
    assert video.pk in {a.activity_id for _, a in after.activities}
    video.standards.clear()
    assert video.pk not in {a.activity_id for _, a in catalog_for_student(world.student).activities}


def test_other_processes_see_changes_within_the_ttl(
    world: World, lw: LearningWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = catalog_for_student(world.student)
    monkeypatch.setattr(catalog, "CATALOG_SECONDS", 0.0)
    assert catalog_for_student(world.student) is not first


def test_the_board_is_the_same_cold_and_warm(world: World, lw: LearningWorld) -> None:
    now = timezone.now()
    cold = board_for_student(world.student, now)
    assert board_for_student(world.student, now) == cold


def test_answer_counts_read_only_the_students_own_answers(world: World, lw: LearningWorld) -> None:
    start = timezone.now() - timedelta(hours=1)
    item = lw.items[0]
    adopt_framework(classroom=world.other_classroom, framework=lw.framework)
    for student, value in [(world.student, "3"), (world.student, "4"), (world.other_student, "3")]:
        record_response(
            student=student, item_id=item.pk, client_id=uuid.uuid4(), answer=value, now=start
        )
    ids = [item.pk, lw.items[1].pk]
    assert answer_counts(world.student.pk, ids, start - timedelta(minutes=1)) == {item.pk: (2, 2)}
    assert answer_counts(world.student.pk, ids, start + timedelta(minutes=1)) == {item.pk: (0, 2)}


def test_standards_not_started_are_built_once_per_catalog(world: World, lw: LearningWorld) -> None:
    found = catalog_for_student(world.student)
    views = found.not_started
    assert set(views) == {entry.pk for entry in found.standards}
    assert found.not_started is views  # built once, shared by every board
    for entry in found.standards:
        view = views[entry.pk]
        assert (view.standard_id, view.code, view.attempts, view.mastery) == (
            entry.pk,
            entry.label,
            0,
            0.0,
        )
        assert view.level == Level.NOT_STARTED and view.review_due is None
        assert view.prerequisite_ids == found.prerequisites.get(entry.pk, ())
    assert any(view.prerequisite_ids for view in views.values())  # the demo chain has some
