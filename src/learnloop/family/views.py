"""The guardian's page for one child, and the progress report as HTML and PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from learnloop.family.access import access_child, access_report_student
from learnloop.family.selectors import progress_report_for, shared_artifacts_for_child


@login_required
def child_progress(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_child(request.user, student_id)
    report = progress_report_for(request.user, student, timezone.now())
    context = {"report": report, "artifacts": shared_artifacts_for_child(student)}
    return render(request, "family/child.html", context)


@login_required
def progress_report(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_report_student(request.user, student_id)
    report = progress_report_for(request.user, student, timezone.now())
    return render(request, "family/report.html", {"report": report})


@login_required
def progress_report_download(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_report_student(request.user, student_id)
    report = progress_report_for(request.user, student, timezone.now())
    from learnloop.family.pdf import progress_report_pdf  # reportlab: only for a download

    response = HttpResponse(progress_report_pdf(report), content_type="application/pdf")
    name = slugify(student.name) or f"student-{student.pk}"
    response["Content-Disposition"] = f'attachment; filename="progress-report-{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
