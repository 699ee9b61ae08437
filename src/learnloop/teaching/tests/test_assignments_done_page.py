"""A student marks an assigned lesson finished from the lesson page; it leaves the board."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.teaching.models import Audience, Recipient
from learnloop.teaching.services import create_assignment
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def test_finish_an_assigned_lesson_from_its_page(world: World, lw: LearningWorld) -> None:
    create_assignment(
        classroom=world.classroom,
        activity=lw.lesson,
        audience=Audience.CLASS,
        teacher=world.teacher,
        client_id=uuid.uuid4(),
    )
    client = Client()
    client.force_login(world.student)
    home = client.get("/").content.decode()
    assert "Assigned by" in home
    page = client.get(f"/learn/activities/{lw.lesson.pk}/").content.decode()
    assert "I've finished this" in page.replace("&#x27;", "'")
    recipient = Recipient.objects.get(student=world.student)
    client.post(f"/teaching/assignments/{recipient.assignment_id}/done/")
    recipient.refresh_from_db()
    assert recipient.done_at is not None
    assert "Assigned by" not in client.get("/").content.decode()
    assert "I've finished this" not in client.get(
        f"/learn/activities/{lw.lesson.pk}/"
    ).content.decode().replace("&#x27;", "'")
