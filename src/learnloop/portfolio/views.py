"""Portfolio pages: thin views that parse, authorize through access.py, call a service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.accounts.models import Role, User
from learnloop.portfolio import access, selectors, services
from learnloop.portfolio.forms import (
    ArtifactEditForm,
    ArtifactForm,
    FeedbackForm,
    GuardianCommentForm,
    ObservationForm,
    ProjectForm,
    RubricScoreForm,
)
from learnloop.portfolio.uploads import UploadError, is_inline, max_upload_bytes
from learnloop.privacy.rules import Record, may_read, reader_of

CHUNK_BYTES = 512 * 1024


def _choices(student: User) -> dict[str, Any]:
    return {
        "standards": selectors.standard_choices_for_student(student),
        "projects": selectors.project_choices_for_student(student),
    }


@login_required
def my_portfolio(request: HttpRequest) -> HttpResponse:
    student = access.require_student(request.user)
    artifacts = selectors.artifacts_for_student(student)
    return render(request, "portfolio/my_portfolio.html", {"artifacts": artifacts})


@login_required
def add_artifact(request: HttpRequest) -> HttpResponse:
    student = access.require_student(request.user)
    form = ArtifactForm(request.POST or None, request.FILES or None, **_choices(student))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            artifact = services.add_artifact(
                student=student, client_id=data["client_id"], kind=data["kind"],
                title=data["title"], reflection=data["reflection"], upload=data["file"],
                body=data["body"], link_url=data["link_url"], standards=data["standards"],
                activity=data["activity"], shared_with_family=data["shared_with_family"],
                showcase=data["showcase"], description=data["description"],
            )  # fmt: skip
        except UploadError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, gettext("Added “%(title)s” to your portfolio.") % {"title": artifact.title}
            )
            return redirect("portfolio_artifact", artifact.pk)
    context = {"form": form, "adding": True, "max_upload_bytes": max_upload_bytes()}
    return render(request, "portfolio/artifact_form.html", context)


@login_required
def artifact_detail(request: HttpRequest, artifact_id: int) -> HttpResponse:
    artifact = access.access_artifact(request.user, artifact_id)
    role = request.user.role
    context = {
        "page": selectors.artifact_page_for(request.user, artifact),
        "is_owner": artifact.student_id == request.user.pk,
        "feedback_form": FeedbackForm() if role == Role.TEACHER else None,
        "comment_form": GuardianCommentForm() if role == Role.GUARDIAN else None,
        "inline": is_inline(artifact.content_type),
    }
    return render(request, "portfolio/artifact_detail.html", context)


@login_required
def edit_artifact(request: HttpRequest, artifact_id: int) -> HttpResponse:
    artifact = access.access_own_artifact(request.user, artifact_id)
    initial = {
        "title": artifact.title, "reflection": artifact.reflection,
        "standards": list(artifact.standards.all()), "activity": artifact.activity,
        "shared_with_family": artifact.shared_with_family, "showcase": artifact.showcase,
    }  # fmt: skip
    form = ArtifactEditForm(request.POST or None, initial=initial, **_choices(artifact.student))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_artifact(artifact=artifact, **form.cleaned_data)
        except UploadError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, gettext("Saved your changes."))
            return redirect("portfolio_artifact", artifact.pk)
    return render(request, "portfolio/artifact_form.html", {"form": form, "artifact": artifact})


@login_required
@require_POST
def delete_artifact(request: HttpRequest, artifact_id: int) -> HttpResponse:
    artifact = access.access_own_artifact(request.user, artifact_id)
    title = artifact.title
    services.remove_artifact(artifact=artifact)
    messages.success(
        request, gettext("Removed “%(title)s” from your portfolio.") % {"title": title}
    )
    return redirect("portfolio_mine")


def _chunks(stored: FieldFile) -> Iterator[bytes]:
    """Open the file only when the response is read, and close it whatever happens."""
    with stored.storage.open(stored.name, "rb") as handle:
        yield from iter(lambda: handle.read(CHUNK_BYTES), b"")


@login_required
def artifact_file(request: HttpRequest, artifact_id: int) -> StreamingHttpResponse:
    """The stored file, with its detected type; never rendered as a page of ours."""
    artifact = access.access_artifact(request.user, artifact_id)
    if not artifact.file:
        raise Http404("This artifact has no file.")
    response = StreamingHttpResponse(_chunks(artifact.file), content_type=artifact.content_type)
    response["Content-Length"] = str(artifact.size)
    response["Content-Disposition"] = content_disposition_header(
        not is_inline(artifact.content_type), artifact.file_name
    )
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def add_feedback(request: HttpRequest, artifact_id: int) -> HttpResponse:
    artifact = access.access_artifact_to_review(request.user, artifact_id)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.add_feedback(artifact=artifact, author=request.user, **form.cleaned_data)
        except UploadError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, gettext("Feedback saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("portfolio_artifact", artifact.pk)


@login_required
@require_POST
def add_comment(request: HttpRequest, artifact_id: int) -> HttpResponse:
    artifact = access.access_artifact_to_comment(request.user, artifact_id)
    form = GuardianCommentForm(request.POST)
    if form.is_valid():
        try:
            services.add_guardian_comment(
                artifact=artifact, guardian=request.user, **form.cleaned_data
            )
        except UploadError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, gettext("Thank you. The teacher will read your comment first.")
            )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("portfolio_artifact", artifact.pk)


@login_required
def comment_queue(request: HttpRequest) -> HttpResponse:
    teacher = access.require_role(request.user, Role.TEACHER)
    comments = selectors.pending_comments_for_teacher(teacher)
    return render(request, "portfolio/comment_queue.html", {"comments": comments})


@login_required
@require_POST
def moderate_comment(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = access.access_comment_to_moderate(request.user, comment_id)
    decision = request.POST.get("decision")
    if decision not in ("approve", "reject"):
        messages.error(request, gettext("Decision: choose approve or do not show."))
    else:
        services.moderate_comment(
            comment=comment, moderator=request.user, approve=decision == "approve"
        )
        messages.success(
            request,
            gettext("Comment approved.") if decision == "approve" else gettext("Comment hidden."),
        )
    if request.POST.get("back") == "artifact":
        return redirect("portfolio_artifact", comment.artifact_id)
    return redirect("portfolio_comment_queue")


@login_required
def student_portfolio(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access.access_portfolio_of(request.user, student_id)
    reader = reader_of(request.user, student)
    family_only = not may_read(reader, Record.UNSHARED_ARTIFACT)
    artifacts = selectors.artifacts_for_student(student, family_only=family_only)
    return render(
        request, "portfolio/student_portfolio.html", {"student": student, "artifacts": artifacts}
    )


@login_required
def score_artifact(request: HttpRequest, artifact_id: int) -> HttpResponse:
    """Choose the project if the student did not, then one level per rubric criterion."""
    artifact = access.access_artifact_to_review(request.user, artifact_id)
    projects = selectors.project_choices_for_student(artifact.student)
    if artifact.activity is None or not hasattr(artifact.activity, "rubric"):
        form = ProjectForm(request.POST or None, projects=projects)
        if request.method == "POST" and form.is_valid():
            services.set_artifact_project(artifact=artifact, activity=form.cleaned_data["activity"])
            return redirect("portfolio_score", artifact.pk)
        return render(request, "portfolio/score.html", {"artifact": artifact, "project_form": form})
    criteria = selectors.rubric_grid(artifact.activity)
    score = getattr(artifact, "score", None)
    initial = (
        {f"criterion_{c.criterion_id}": c.level_id for c in score.criteria.all()} if score else {}
    )
    form = RubricScoreForm(request.POST or None, criteria=criteria, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.score_artifact(
                artifact=artifact, scorer=request.user, levels=form.chosen_levels()
            )
        except UploadError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                gettext("Scored %(points)s of %(max_points)s: %(level)s.")
                % {
                    "points": saved.points,
                    "max_points": saved.max_points,
                    "level": saved.level_enum.label,
                },
            )
            return redirect("portfolio_artifact", artifact.pk)
    return render(request, "portfolio/score.html", {"artifact": artifact, "form": form})


@login_required
def record_observation(request: HttpRequest, student_id: int) -> HttpResponse:
    """A teacher's photo, video or voice note of a student's work, into their portfolio."""
    student = access.access_student_to_observe(request.user, student_id)
    standards = selectors.standard_choices_for_student(student)
    form = ObservationForm(request.POST or None, request.FILES or None, standards=standards)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            artifact = services.add_artifact(
                student=student, client_id=data["client_id"], kind=data["kind"],
                title=data["title"], upload=data["file"], standards=data["standards"],
                shared_with_family=data["shared_with_family"],
                description=data["description"], recorded_by=request.user,
            )  # fmt: skip
        except UploadError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                gettext("Observation saved to %(name)s's portfolio.") % {"name": student.name},
            )
            return redirect("portfolio_artifact", artifact.pk)
    context = {"form": form, "student": student, "max_upload_bytes": max_upload_bytes()}
    return render(request, "portfolio/observation_form.html", context)
