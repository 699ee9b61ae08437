"""Evidence in any medium: photos, videos, voice notes and drawings become artifacts,
checked by content like any upload; a teacher records an observation the same way."""

from __future__ import annotations

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from learnloop.portfolio.models import Artifact, ArtifactKind
from learnloop.portfolio.services import add_artifact
from learnloop.portfolio.tests.fixtures import PDF_BYTES, png_upload
from learnloop.portfolio.uploads import UploadError
from learnloop.testing.world import World

WEBM_BYTES = bytes.fromhex("1a45dfa3") + b"\x42\x82\x84webm" + b"\x00" * 64
OGG_BYTES = b"OggS" + b"\x00" * 64


def upload(name: str, data: bytes, content_type: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def add(world: World, kind: str, file: SimpleUploadedFile, **extra: object) -> Artifact:
    return add_artifact(
        student=world.student, client_id=uuid.uuid4(), kind=kind, title="Evidence",
        upload=file, **extra,
    )  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "data", "media"),
    [
        (ArtifactKind.PHOTO, None, "image"),
        (ArtifactKind.PHOTO, WEBM_BYTES, "video"),
        (ArtifactKind.VOICE, WEBM_BYTES, "audio"),  # MediaRecorder's audio-only webm
        (ArtifactKind.VOICE, OGG_BYTES, "audio"),
        (ArtifactKind.DRAWING, None, "image"),
    ],
)
def test_each_medium_becomes_an_artifact_that_plays_back(
    world: World, kind: str, data: bytes | None, media: str
) -> None:
    file = png_upload("drawing.png") if data is None else upload("rec.webm", data, "video/webm")
    artifact = add(world, kind, file, description="Maya explains the ratio table")
    assert artifact.is_file and artifact.media == media
    assert artifact.alt_text == "Maya explains the ratio table"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "data"),
    [
        (ArtifactKind.VOICE, PDF_BYTES),
        (ArtifactKind.DRAWING, WEBM_BYTES),
        (ArtifactKind.PHOTO, PDF_BYTES),
    ],
)
def test_a_recording_of_the_wrong_medium_is_refused_by_content(
    world: World, kind: str, data: bytes
) -> None:
    with pytest.raises(UploadError) as refused:
        add(world, kind, upload("note.webm", data, "audio/webm"))
    assert refused.value.field == "file" and "choose another kind" in refused.value.message
    assert not Artifact.objects.exists()


@pytest.mark.django_db
def test_a_description_with_a_script_is_refused(world: World) -> None:
    with pytest.raises(UploadError) as refused:
        add(world, ArtifactKind.PHOTO, png_upload(), description="<script>x</script>")
    assert refused.value.field == "description"


@pytest.mark.django_db
def test_the_media_kinds_obey_the_upload_limit(world: World, settings: object) -> None:
    settings.LEARNLOOP_PORTFOLIO_MAX_UPLOAD_MB = 0.00001  # type: ignore[attr-defined]
    with pytest.raises(UploadError) as refused:
        add(world, ArtifactKind.VOICE, upload("note.webm", WEBM_BYTES, "audio/webm"))
    assert "the limit is" in refused.value.message


@pytest.mark.django_db
def test_a_teacher_records_an_observation_as_a_voice_note(world: World, client: Client) -> None:
    client.force_login(world.teacher)
    url = f"/portfolio/students/{world.student.pk}/observe/"
    page = client.get(url)
    assert page.status_code == 200 and b'capture="' not in page.content  # set by the script
    assert b'accept="image/*,video/*,audio/*"' in page.content  # a phone offers its recorder
    response = client.post(
        url,
        {
            "client_id": str(uuid.uuid4()), "kind": ArtifactKind.VOICE,
            "title": "Explains unit price aloud", "description": "She compares two prices.",
            "file": upload("voice-note.webm", WEBM_BYTES, "audio/webm"),
        },
    )  # fmt: skip
    artifact = Artifact.objects.get(student=world.student)
    assert response.status_code == 302 and artifact.recorded_by == world.teacher
    detail = client.get(f"/portfolio/artifacts/{artifact.pk}/").content.decode()
    assert "<audio controls" in detail and "She compares two prices." in detail
    assert "Observation recorded by" in detail


@pytest.mark.django_db
def test_an_observation_without_a_file_names_the_field(world: World, client: Client) -> None:
    client.force_login(world.teacher)
    response = client.post(
        f"/portfolio/students/{world.student.pk}/observe/",
        {"client_id": str(uuid.uuid4()), "kind": ArtifactKind.PHOTO, "title": "Seen"},
    )
    assert response.status_code == 200
    assert "Photo, video or recording: take or choose one first." in response.content.decode()


@pytest.mark.django_db
def test_a_student_adds_a_photo_without_javascript(world: World, client: Client) -> None:
    client.force_login(world.student)
    form = client.get("/portfolio/new/").content.decode()
    assert 'type="file"' in form and "accept=" in form and "data-capture hidden" in form
    response = client.post(
        "/portfolio/new/",
        {
            "client_id": str(uuid.uuid4()), "kind": ArtifactKind.PHOTO, "title": "Poster",
            "file": png_upload(), "description": "A poster of unit prices",
        },
    )  # fmt: skip
    assert response.status_code == 302
    artifact = Artifact.objects.get(student=world.student)
    detail = client.get(f"/portfolio/artifacts/{artifact.pk}/").content.decode()
    assert 'alt="A poster of unit prices"' in detail
