"""No CSV cell runs as a spreadsheet formula: names, codes in the header and overrides."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile

import pytest
from django.urls import reverse

from learnloop.conferences.tests.helpers import client_for
from learnloop.gradebook.services import override_grade
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.portfolio.models import ArtifactKind
from learnloop.portfolio.services import add_artifact
from learnloop.standards.models import Standard
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

CODE = '=HYPERLINK("http://evil.example","6.RP")'


def test_a_formula_standard_code_is_text_in_the_header_and_overrides(
    world: World, lw: LearningWorld
) -> None:
    standard = lw.standards["6.RP.A.1"]
    Standard.objects.filter(pk=standard.pk).update(code=CODE)  # as a lenient import could store
    standard.refresh_from_db()
    override_grade(
        teacher=world.teacher, student=world.student, standard=standard, level=3, reason="Seen"
    )
    response = client_for(world.teacher).get(
        f"/gradebook/classes/{world.classroom.pk}/gradebook.csv"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, sam = rows[0], rows[1]
    assert "'" + CODE in header and CODE not in header
    assert sam[-1] == "'" + CODE
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)


def test_the_data_export_csv_neutralises_student_text(world: World) -> None:
    add_artifact(
        student=world.student,
        client_id=uuid.uuid4(),
        kind=ArtifactKind.LINK,
        title="=cmd|' /C calc'!A0",
        link_url="https://example.org/work",
        reflection="@SUM(1+1)",
    )
    client = client_for(world.admin)
    response = client.post(reverse("privacy_export", args=[world.student.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    text = archive.read("data/portfolio.Artifact.csv").decode()
    rows = list(csv.reader(io.StringIO(text)))
    cells = [cell for row in rows for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'@SUM(1+1)" in cells
    assert all(not cell.startswith(("=", "+", "@")) for cell in cells)
