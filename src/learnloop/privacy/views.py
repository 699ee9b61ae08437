"""Data-rights pages for school admins: pick a student, export, delete, read the audit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from learnloop.accounts.models import User
from learnloop.privacy import selectors, services
from learnloop.privacy.access import access_student_data, require_school_admin
from learnloop.privacy.collect import collect_student_data
from learnloop.privacy.forms import DeleteForm
from learnloop.privacy.references import subject_reference


@login_required
def data_rights_home(request: HttpRequest) -> HttpResponse:
    admin = require_school_admin(request.user)
    query = request.GET.get("q", "").strip()[:100]
    context = {
        "query": query,
        "students": selectors.students_for_admin(admin, query)[:200],
        "records": selectors.records_for_admin(admin),
    }
    return render(request, "privacy/home.html", context)


def _student_page(request: HttpRequest, student: User, form: DeleteForm) -> HttpResponse:
    context = {
        "student": student,
        "kinds": collect_student_data(student).kinds(),
        "reference": subject_reference(student.pk),
        "form": form,
    }
    return render(request, "privacy/student.html", context)


@login_required
def student_data(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_data(request.user, student_id)
    return _student_page(request, student, DeleteForm())


@login_required
@require_POST
def export_data(request: HttpRequest, student_id: int) -> StreamingHttpResponse:
    student = access_student_data(request.user, student_id)
    export = services.export_student_data(student=student, performed_by=request.user)
    response = StreamingHttpResponse(export.chunks(), content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, export.filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def delete_data(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_data(request.user, student_id)
    form = DeleteForm(request.POST)
    if form.is_valid():
        try:
            record = services.delete_student_data(
                student=student,
                performed_by=request.user,
                confirmation=form.cleaned_data["confirmation"],
            )
        except services.PrivacyError as error:
            form.add_error("confirmation", error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Deleted the student and %(count)d record. Audit reference %(reference)s.",
                    "Deleted the student and %(count)d records. Audit reference %(reference)s.",
                    record.total_rows,
                )
                % {"count": record.total_rows, "reference": record.subject_reference},
            )
            return redirect("privacy_home")
    return _student_page(request, student, form)
