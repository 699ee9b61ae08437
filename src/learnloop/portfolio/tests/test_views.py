"""Portfolio pages through the real stack: who sees what, forms, files, query counts."""

from __future__ import annotations

import html
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learnloop.accounts.models import User
from learnloop.portfolio.models import Artifact, ArtifactKind, CommentStatus, GuardianComment
from learnloop.portfolio.services import add_artifact, add_feedback
from learnloop.portfolio.tests.fixtures import PNG_BYTES, portfolio_world
from learnloop.testing.world import World


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_student_uploads_a_file_once_even_when_the_form_is_sent_twice(world: World) -> None:
    client = client_for(world.student)
    form = client.get(reverse("portfolio_add")).context["form"]
    data = {
        "client_id": form["client_id"].value(), "kind": "file", "title": "Bridge model",
        "reflection": "Triangles are strong.", "shared_with_family": "on",
    }  # fmt: skip
    for _ in range(2):
        upload = SimpleUploadedFile("bridge.png", PNG_BYTES, content_type="image/png")
        response = client.post(reverse("portfolio_add"), {**data, "file": upload})
        assert response.status_code == 302
    artifact = Artifact.objects.get()
    assert (artifact.title, artifact.kind, artifact.shared_with_family) == (
        "Bridge model",
        "file",
        True,
    )


def test_a_mismatched_file_shows_the_error_on_the_file_field(world: World) -> None:
    client = client_for(world.student)
    fake = SimpleUploadedFile(
        "photo.png", b"<html><script>x</script></html>", content_type="image/png"
    )
    response = client.post(
        reverse("portfolio_add"),
        {"client_id": str(uuid.uuid4()), "kind": "file", "title": "Photo", "file": fake},
    )
    assert response.status_code == 200
    assert "whatever its name says" in str(response.context["form"].errors["file"])
    assert not Artifact.objects.exists()


def test_the_chosen_kind_needs_its_field(world: World) -> None:
    response = client_for(world.student).post(
        reverse("portfolio_add"), {"client_id": str(uuid.uuid4()), "kind": "link", "title": "x"}
    )
    assert response.context["form"].errors["link_url"] == ["Link: paste the address of your work."]


def test_the_file_is_served_with_its_detected_type_and_a_sandbox(world: World) -> None:
    pw = portfolio_world(world)
    response = client_for(world.guardian).get(reverse("portfolio_file", args=[pw.picture.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content) == PNG_BYTES


def test_a_guardian_sees_family_feedback_and_never_private_feedback(world: World) -> None:
    pw = portfolio_world(world)
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(),
                 text="Shown to family", visible_to_family=True)  # fmt: skip
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(),
                 text="Teacher-only remark")  # fmt: skip
    url = reverse("portfolio_artifact", args=[pw.shared.pk])
    guardian_page = client_for(world.guardian).get(url).content.decode()
    assert "Shown to family" in guardian_page and "Teacher-only remark" not in guardian_page
    assert "Teacher-only remark" in client_for(world.student).get(url).content.decode()
    private = reverse("portfolio_artifact", args=[pw.private.pk])
    assert client_for(world.guardian).get(private).status_code == 403
    assert client_for(world.other_guardian).get(url).status_code == 403


def test_a_guardian_comment_waits_for_the_teacher(world: World) -> None:
    pw = portfolio_world(world)
    url = reverse("portfolio_artifact", args=[pw.shared.pk])
    assert "So proud!" not in client_for(world.student).get(url).content.decode()
    assert "So proud!" in client_for(world.guardian).get(url).content.decode()
    queue = client_for(world.teacher).get(reverse("portfolio_comment_queue")).content.decode()
    assert "So proud!" in queue
    assert (
        "So proud!"
        not in client_for(world.other_teacher)
        .get(reverse("portfolio_comment_queue"))
        .content.decode()
    )
    client_for(world.teacher).post(
        reverse("portfolio_moderate", args=[pw.comment.pk]), {"decision": "approve"}
    )
    assert GuardianComment.objects.get().status == CommentStatus.APPROVED
    assert "So proud!" in client_for(world.student).get(url).content.decode()


def test_script_in_a_guardian_comment_is_refused(world: World) -> None:
    pw = portfolio_world(world)
    response = client_for(world.guardian).post(
        reverse("portfolio_comment", args=[pw.shared.pk]),
        {"client_id": str(uuid.uuid4()), "text": "<script>alert(1)</script>"},
        follow=True,
    )
    assert "Comment: remove the script" in response.content.decode()
    assert GuardianComment.objects.count() == 1  # only the fixture's


def test_the_teacher_picks_a_project_then_scores_on_its_rubric(world: World) -> None:
    pw = portfolio_world(world)
    client = client_for(world.teacher)
    url = reverse("portfolio_score", args=[pw.private.pk])
    assert "project_form" in client.get(url).context
    client.post(url, {"activity": pw.project.pk})
    form = client.get(url).context["form"]
    data = {name: field.choices[-1][0] for name, field in form.fields.items()}
    response = client.post(url, data, follow=True)
    assert "Scored 8 of 8: Mastered." in response.content.decode()


def test_scoring_untagged_work_says_the_score_will_count_for_no_standard(world: World) -> None:
    pw = portfolio_world(world)
    client = client_for(world.teacher)
    untagged = reverse("portfolio_score", args=[pw.private.pk])
    client.post(untagged, {"activity": pw.project.pk})
    warning = "This work is tagged with no standard yet, so its score will be evidence for none."
    assert warning in html.unescape(client.get(untagged).content.decode())
    tagged = reverse("portfolio_score", args=[pw.shared.pk])
    assert warning not in html.unescape(client.get(tagged).content.decode())


def test_my_portfolio_runs_a_fixed_number_of_queries(world: World) -> None:
    portfolio_world(world)
    client = client_for(world.student)
    url = reverse("portfolio_mine")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for index in range(5):
        add_artifact(student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.LINK,
                     title=f"Link {index}", link_url="https://example.org/x")  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_teachers_student_profile_has_a_portfolio_card(world: World) -> None:
    pw = portfolio_world(world)
    url = reverse("teaching_student_profile", args=[world.student.pk])
    html = client_for(world.teacher).get(url).content.decode()
    assert 'id="portfolio-card-heading">Portfolio</h2>' in html
    assert reverse("portfolio_artifact", args=[pw.shared.pk]) in html
    assert "1 family comment to read" in " ".join(html.split()).replace("<strong>", "").replace(
        "</strong>", ""
    )


def test_the_student_stops_sharing_and_the_guardian_loses_access(world: World) -> None:
    pw = portfolio_world(world)
    url = reverse("portfolio_artifact", args=[pw.shared.pk])
    assert client_for(world.guardian).get(url).status_code == 200
    response = client_for(world.student).post(
        reverse("portfolio_edit", args=[pw.shared.pk]),
        {"title": "My recipe card", "reflection": "Updated.", "activity": pw.project.pk},
    )
    assert response.status_code == 302
    pw.shared.refresh_from_db()
    assert (pw.shared.shared_with_family, pw.shared.reflection) == (False, "Updated.")
    assert list(pw.shared.standards.all()) == []
    assert client_for(world.guardian).get(url).status_code == 403
    assert (
        client_for(world.other_student)
        .post(reverse("portfolio_edit", args=[pw.shared.pk]), {"title": "Mine now"})
        .status_code
        == 403
    )
