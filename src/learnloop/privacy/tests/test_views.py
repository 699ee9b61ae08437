"""Data-rights pages: school admins of the student's school only; confirmation required."""

from __future__ import annotations

import io
import zipfile

from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import User
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.privacy.models import DataRightsRecord
from learnloop.testing.world import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_of_another_school_cannot_export_or_delete(world: World) -> None:
    client = client_for(world.foreign_admin)
    for name in ("privacy_export", "privacy_delete"):
        url = reverse(name, args=[world.student.pk])
        assert client.post(url, {"confirmation": "sam_student"}).status_code == 403
    assert client.get(reverse("privacy_student", args=[world.student.pk])).status_code == 403
    assert User.objects.filter(pk=world.student.pk).exists()
    assert not DataRightsRecord.objects.exists()


def test_the_admin_lists_only_their_school_and_finds_by_name(world: World) -> None:
    page = client_for(world.admin).get(reverse("privacy_home"), {"q": "sam"}).content.decode()
    assert "sam_student" in page and "olga_student" not in page
    assert (
        client_for(world.foreign_admin)
        .get(reverse("privacy_home"))
        .content.decode()
        .count("sam_student")
        == 0
    )


def test_export_download_is_a_zip_and_is_audited(world: World) -> None:
    portfolio_world(world)
    response = client_for(world.admin).post(reverse("privacy_export", args=[world.student.pk]))
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "data/portfolio.Artifact.csv" in archive.namelist()
    assert DataRightsRecord.objects.get().action == "export"
    page = client_for(world.admin).get(reverse("privacy_home")).content.decode()
    assert DataRightsRecord.objects.get().subject_reference in page


def test_a_wrong_confirmation_shows_the_error_and_keeps_everything(world: World) -> None:
    url = reverse("privacy_delete", args=[world.student.pk])
    response = client_for(world.admin).post(url, {"confirmation": "Sam Student"})
    assert response.status_code == 200
    assert "Confirmation: type the username sam_student exactly." in response.content.decode()
    assert User.objects.filter(pk=world.student.pk).exists()


def test_deleting_redirects_with_the_reference(world: World) -> None:
    client = client_for(world.admin)
    url = reverse("privacy_delete", args=[world.student.pk])
    response = client.post(url, {"confirmation": "sam_student"}, follow=True)
    record = DataRightsRecord.objects.get()
    assert record.subject_reference in response.content.decode()
    assert not User.objects.filter(username="sam_student").exists()


def test_the_student_page_names_each_kind_of_record_in_words(world: World) -> None:
    portfolio_world(world)
    page = client_for(world.admin).get(reverse("privacy_student", args=[world.student.pk]))
    text = page.content.decode()
    assert '<td>Artifacts <code class="muted">portfolio.Artifact</code></td>' in text
    assert '<td>Users <code class="muted">accounts.User</code></td><td>1</td>' in text
