"""Text stored before the door refused it (an answer holding a lone surrogate, from the
JSON API on SQLite) must not break the pages and exports that read it back."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learnloop.accounts.models import User
from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.testing.world import World

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite ever stored a lone surrogate"
)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def stored(world: World) -> Response:
    lw: LearningWorld = learning_world(world)
    item = lw.items[0]
    return Response.objects.create(
        student=world.student,
        client_id=uuid.uuid4(),
        item=item,
        activity=lw.practice,
        answer="4\ud800",
        correct=False,
        score=0.0,
        standard_ids=[s.pk for s in item.standards.all()],
        created_at=timezone.now(),
    )


def test_the_students_mistakes_page_shows_it(world: World, stored: Response) -> None:
    response = client_for(world.student).get(reverse("learning_mistakes"))
    assert response.status_code == 200
    assert "4\ufffd" in response.content.decode()


def test_the_teachers_profile_of_the_student_shows(world: World, stored: Response) -> None:
    url = reverse("teaching_student_profile", args=[world.student.pk])
    assert client_for(world.teacher).get(url).status_code == 200


def test_the_data_rights_export_holds_it(world: World, stored: Response) -> None:
    url = reverse("privacy_export", args=[world.student.pk])
    response = client_for(world.admin).post(url)
    assert response.status_code == 200
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    text = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    assert "4\ufffd" in text or "4\\ufffd" in text
