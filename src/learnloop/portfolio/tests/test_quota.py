"""Each student's files share a quota (a setting); uploads are private to the server."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from learnloop.portfolio.models import Artifact, ArtifactKind
from learnloop.portfolio.services import add_artifact
from learnloop.portfolio.tests.fixtures import PNG_BYTES
from learnloop.testing.world import World

QUOTA_MB = 0.01  # about 10 KB
FILE_BYTES = 4000


def picture(size: int = FILE_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "p.png", PNG_BYTES + b"\x00" * (size - len(PNG_BYTES)), content_type="image/png"
    )


def upload(client: Client, title: str) -> object:
    return client.post(
        reverse("portfolio_add"),
        {"client_id": str(uuid.uuid4()), "kind": "file", "title": title, "file": picture()},
    )


@override_settings(LEARNLOOP_PORTFOLIO_QUOTA_MB=QUOTA_MB)
def test_a_full_portfolio_refuses_the_next_file_with_a_clear_message(world: World) -> None:
    client = Client()
    client.force_login(world.student)
    assert upload(client, "One").status_code == 302  # type: ignore[attr-defined]
    assert upload(client, "Two").status_code == 302  # type: ignore[attr-defined]
    response = upload(client, "Three")
    assert response.status_code == 200  # type: ignore[attr-defined]
    error = str(response.context["form"].errors["file"])  # type: ignore[attr-defined]
    assert "your portfolio is full" in error and "Remove a file" in error
    assert Artifact.objects.filter(student=world.student).count() == 2
    # Words and links take no room and are still welcome.
    add_artifact(
        student=world.student,
        client_id=uuid.uuid4(),
        kind=ArtifactKind.LINK,
        title="Slides",
        link_url="https://example.org/slides",
    )


@override_settings(LEARNLOOP_PORTFOLIO_QUOTA_MB=QUOTA_MB)
def test_the_quota_is_per_student(world: World) -> None:
    for student in (world.student, world.student, world.other_student, world.other_student):
        add_artifact(
            student=student, client_id=uuid.uuid4(), kind=ArtifactKind.FILE, title="P",
            upload=picture(),
        )  # fmt: skip
    assert Artifact.objects.count() == 4


@override_settings(LEARNLOOP_PORTFOLIO_QUOTA_MB=QUOTA_MB)
def test_removing_a_file_makes_room_again(world: World) -> None:
    client = Client()
    client.force_login(world.student)
    upload(client, "One")
    upload(client, "Two")
    first = Artifact.objects.filter(student=world.student).first()
    assert first is not None
    assert client.post(reverse("portfolio_delete", args=[first.pk])).status_code == 302
    assert upload(client, "Three").status_code == 302  # type: ignore[attr-defined]


def test_uploaded_files_and_their_folders_are_private_to_the_server(world: World) -> None:
    artifact = add_artifact(
        student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.FILE, title="P",
        upload=picture(),
    )  # fmt: skip
    stored = Path(artifact.file.path)
    assert stored.stat().st_mode & 0o777 == 0o600
    folder = stored.parent
    media = Path(settings.MEDIA_ROOT)
    while folder != media:
        assert folder.stat().st_mode & 0o777 == 0o700, folder
        folder = folder.parent
