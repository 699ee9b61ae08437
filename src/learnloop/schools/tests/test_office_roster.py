"""The office's roster page: upload, dry-run preview, confirm; refusals shown, scoped."""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import Role, User
from learnloop.schools.oneroster.uploads import store_upload, stored_upload
from learnloop.schools.tests.url_access import ONE_SCHOOL_ROSTER
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def roster_zip(edit: tuple[str, bytes, bytes] | None = None) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in Path(ONE_SCHOOL_ROSTER).iterdir():
            data = path.read_bytes()
            if edit and path.name == edit[0]:
                data = data.replace(edit[1], edit[2])
            archive.writestr(path.name, data)
    return SimpleUploadedFile("roster.zip", buffer.getvalue(), content_type="application/zip")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def token_in(body: str) -> str:
    found = re.search(r'name="token" value="([^"]+)"', body)
    assert found
    return found.group(1)


def test_upload_previews_then_confirm_imports_into_the_admins_school(world: World) -> None:
    admin = signed_in(world.admin)
    page = admin.post(reverse("schools_office_roster"), {"roster": roster_zip()})
    body = page.content.decode()
    assert page.status_code == 200
    assert "What the import will do" in body and "kim.t (Teacher)" in body
    assert not User.objects.filter(username="kim.t").exists()
    done = admin.post(reverse("schools_office_roster_confirm"), {"token": token_in(body)})
    assert done.status_code == 302
    kim = User.objects.get(username="kim.t")
    assert (kim.role, kim.school) == (Role.TEACHER, world.school)
    again = admin.post(reverse("schools_office_roster"), {"roster": roster_zip()})
    assert "Nothing to change" in again.content.decode()


def test_a_refused_roster_names_file_line_and_column(world: World) -> None:
    bad = roster_zip(("roles.csv", b"u-92,primary,student", b"u-92,primary,pupil"))
    page = signed_in(world.admin).post(reverse("schools_office_roster"), {"roster": bad})
    assert page.status_code == 400
    assert "roles.csv, line 3, column role: &#x27;pupil&#x27;" in page.content.decode()
    assert not User.objects.filter(username="kim.t").exists()


def test_a_file_that_is_not_a_zip_is_refused_by_its_own_name(world: World) -> None:
    admin = signed_in(world.admin)
    upload = SimpleUploadedFile("students-fall.pdf", b"%PDF-1.4 not a zip")
    page = admin.post(reverse("schools_office_roster"), {"roster": upload})
    body = page.content.decode()
    assert page.status_code == 400
    # the name the admin chose, never the random name the upload is stored under
    assert "students-fall.pdf: not a readable zip file" in body
    assert not re.search(r"\d+-[A-Za-z0-9_-]{22}\.zip", body)


def test_another_schools_admin_cannot_confirm_the_upload(world: World) -> None:
    page = signed_in(world.admin).post(reverse("schools_office_roster"), {"roster": roster_zip()})
    other = User.objects.create_user(
        username="other.admin", role=Role.SCHOOL_ADMIN, school=world.other_school
    )
    token = token_in(page.content.decode())
    refused = signed_in(other).post(reverse("schools_office_roster_confirm"), {"token": token})
    assert refused.status_code == 400
    assert "upload the roster again" in refused.content.decode()
    assert not User.objects.filter(username="kim.t").exists()


@pytest.mark.parametrize("token", ["", "../../etc/passwd", "x" * 22])
def test_a_bad_token_is_a_400(world: World, token: str) -> None:
    page = signed_in(world.admin).post(reverse("schools_office_roster_confirm"), {"token": token})
    assert page.status_code == 400


def test_a_teacher_may_not_import(world: World) -> None:
    page = signed_in(world.teacher).post(reverse("schools_office_roster"), {"roster": roster_zip()})
    assert page.status_code == 403


def test_an_upload_never_confirmed_is_forgotten_a_day_later(world: World) -> None:
    old = stored_upload(school=world.school, token=store_upload(school=world.school, data=b"x"))
    os.utime(old, (time.time() - 2 * 24 * 3600,) * 2)
    fresh = store_upload(school=world.school, data=b"y")
    assert not old.exists()
    assert stored_upload(school=world.school, token=fresh).read_bytes() == b"y"


def test_a_refused_roster_lists_every_problem_it_found(world: World) -> None:
    bad = roster_zip(("roles.csv", b"u-92,primary,student", b"u-92,primary,pupil"))
    with zipfile.ZipFile(io.BytesIO(bad.read())) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["enrollments.csv"] = files["enrollments.csv"].replace(b"e-91,,,cl-alg1", b"e-91,,,cl-x")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    upload = SimpleUploadedFile("roster.zip", buffer.getvalue(), content_type="application/zip")
    page = signed_in(world.admin).post(reverse("schools_office_roster"), {"roster": upload})
    body = page.content.decode()
    assert page.status_code == 400
    assert "roles.csv, line 3, column role: &#x27;pupil&#x27;" in body
    assert "enrollments.csv, line 2, column classSourcedId: unknown reference" in body
    assert not User.objects.filter(username="kim.t").exists()
