"""Bad input gets a clear error naming the field and stores nothing: no row, no file."""

from __future__ import annotations

import io
import uuid
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from learnloop.portfolio.models import Artifact, ArtifactKind
from learnloop.portfolio.services import add_artifact
from learnloop.portfolio.tests.fixtures import PDF_BYTES, PNG_BYTES, png_upload
from learnloop.portfolio.uploads import UploadError, check_file, check_link, has_script
from learnloop.testing.world import World

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def stored_files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("poster.png", PNG_BYTES, "image/png"),
        ("essay.pdf", PDF_BYTES, "application/pdf"),
        ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, "image/jpeg"),
        ("talk.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64, "audio/mpeg"),
        ("report.docx", docx_bytes(), DOCX),
    ],
)  # fmt: skip
def test_allowed_types_are_detected_from_content(name: str, content: bytes, mime: str) -> None:
    checked = check_file(SimpleUploadedFile(name, content, content_type="application/octet-stream"))
    assert checked.content_type == mime
    assert checked.name == name


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"MZ\x90\x00" + b"\x00" * 64,  # a Windows program
        b"plain words in a file",
    ],
)
def test_content_that_is_not_an_allowed_type_is_refused_whatever_its_name(content: bytes) -> None:
    with pytest.raises(UploadError) as caught:
        check_file(SimpleUploadedFile("poster.png", content, content_type="image/png"))
    assert caught.value.field == "file"
    assert "not a picture, PDF, audio, video or office document" in caught.value.message


@pytest.mark.parametrize(
    "name", ["<script>alert(1)</script>.png", 'poster".png', "a\x00b.png", ".htaccess"]
)
def test_file_names_with_markup_are_refused(name: str) -> None:
    with pytest.raises(UploadError, match="File:"):
        check_file(SimpleUploadedFile(name, PNG_BYTES))


def test_folders_in_a_file_name_are_dropped() -> None:
    assert check_file(SimpleUploadedFile("../../etc/poster.png", PNG_BYTES)).name == "poster.png"


@override_settings(LEARNLOOP_PORTFOLIO_MAX_UPLOAD_MB=0.001)
def test_the_size_limit_is_a_setting() -> None:
    with pytest.raises(UploadError, match=r"File: big\.png is .* the limit is"):
        check_file(SimpleUploadedFile("big.png", PNG_BYTES + b"\x00" * 2000))


@pytest.mark.parametrize(
    "url",
    ["example.org", "javascript:alert(1)", "https://", "http://nodot", "ftp://example.org/x",
     "https://exa mple.org", "https://example.org/<script>"],
)  # fmt: skip
def test_broken_links_are_refused(url: str) -> None:
    with pytest.raises(UploadError) as caught:
        check_link(url)
    assert caught.value.field == "link_url"
    assert caught.value.message.startswith("Link:")


def test_a_good_link_passes() -> None:
    assert check_link(" https://example.org/my-work?x=1 ") == "https://example.org/my-work?x=1"


@pytest.mark.parametrize(
    "text",
    [
        "<script>x</script>",
        '<img src=x onerror="alert(1)">',
        "<a href='javascript:go()'>",
        "<iframe>",
    ],
)
def test_script_is_detected(text: str) -> None:
    assert has_script(text)


def test_ordinary_writing_is_not_script() -> None:
    assert not has_script(
        "<p>I worked on ratios; 3 < 5 and x = 2. Click <a href='https://a.b'>here</a>.</p>"
    )


BAD_INPUTS = [
    ({"kind": ArtifactKind.FILE, "upload": SimpleUploadedFile("x.png", b"<html></html>")}, "file"),
    ({"kind": ArtifactKind.FILE, "upload": SimpleUploadedFile("<b>.png", PNG_BYTES)}, "file"),
    ({"kind": ArtifactKind.TEXT, "body": "<p>Hi</p><script>steal()</script>"}, "body"),
    ({"kind": ArtifactKind.LINK, "link_url": "javascript:alert(1)"}, "link_url"),
    ({"kind": ArtifactKind.FILE, "upload": png_upload(), "reflection": "<script>x</script>"},
     "reflection"),
]  # fmt: skip


@pytest.mark.parametrize(("fields", "field"), BAD_INPUTS)
def test_bad_input_stores_nothing(world: World, fields: dict, field: str) -> None:
    before = stored_files()
    with pytest.raises(UploadError) as caught:
        add_artifact(student=world.student, client_id=uuid.uuid4(), title="Work", **fields)
    assert caught.value.field == field
    assert not Artifact.objects.exists()
    assert stored_files() == before


@override_settings(LEARNLOOP_PORTFOLIO_MAX_UPLOAD_MB=0.001)
def test_an_oversized_file_stores_nothing(world: World) -> None:
    before = stored_files()
    with pytest.raises(UploadError, match="the limit is"):
        add_artifact(
            student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.FILE, title="Big",
            upload=SimpleUploadedFile("big.png", PNG_BYTES + b"\x00" * 4000),
        )  # fmt: skip
    assert not Artifact.objects.exists()
    assert stored_files() == before
