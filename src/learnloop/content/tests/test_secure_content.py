"""Secure content (quizzes, placement checks): the flag authors set, and the migration
that flagged what was there before."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.test import Client
from django.urls import reverse

from learnloop.content.models import Activity, ActivityKind, Item
from learnloop.content.services import copy_activity, set_activity_items
from learnloop.content.tests.factories import make_activity, make_item
from learnloop.testing.world import World


def test_an_author_marks_a_practice_secure_and_a_copy_stays_secure(
    client: Client, world: World
) -> None:
    client.force_login(world.teacher)
    form = client.get(reverse("content_activity_create", args=["practice"])).content.decode()
    assert 'name="secure"' in form
    client.post(
        reverse("content_activity_create", args=["practice"]),
        {"title": "Placement", "modality": "do", "estimated_minutes": "20", "secure": "on"},
    )
    placement = Activity.objects.get(title="Placement")
    assert placement.secure
    assert copy_activity(activity=placement, owner=world.other_teacher).secure


def test_a_quiz_is_always_secure_and_offers_no_choice(client: Client, world: World) -> None:
    client.force_login(world.teacher)
    form = client.get(reverse("content_activity_create", args=["quiz"])).content.decode()
    assert 'name="secure"' not in form
    assert make_activity(world.teacher, kind=ActivityKind.QUIZ).secure
    assert not make_activity(world.teacher, kind=ActivityKind.PRACTICE).secure


def test_the_migration_flags_every_quiz_and_every_item_in_one(world: World) -> None:
    quiz = make_activity(world.teacher, kind=ActivityKind.QUIZ)
    practice = make_activity(world.teacher, kind=ActivityKind.PRACTICE)
    in_quiz, practice_only = make_item(world.teacher), make_item(world.teacher)
    set_activity_items(activity=quiz, items=[in_quiz])
    set_activity_items(activity=practice, items=[in_quiz, practice_only])
    Activity.objects.update(secure=False)
    Item.objects.update(secure=False)
    migration = importlib.import_module("learnloop.content.migrations.0004_secure_content")
    migration.mark_quizzes_secure(apps, None)
    assert set(Activity.objects.filter(secure=True)) == {quiz}
    assert set(Item.objects.filter(secure=True)) == {in_quiz}
