"""Gradebook pages: the class grid, CSV export, a student's report, one cell, observations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.accounts.access import access_student
from learnloop.accounts.models import Role
from learnloop.core.bidi import ltr_text
from learnloop.gradebook import selectors, services
from learnloop.gradebook.access import (
    access_standard_of_student,
    access_student_for_detail,
    access_student_for_grading,
)
from learnloop.gradebook.export import gradebook_csv
from learnloop.gradebook.forms import ObservationForm, OverrideForm, RemoveOverrideForm
from learnloop.schools.access import access_classroom
from learnloop.standards.selectors import leaf_standards_for_student


@login_required
def class_gradebook(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    gradebook = selectors.gradebook_for_classroom(classroom)
    context = {"classroom": classroom, "gradebook": gradebook}
    return render(request, "gradebook/class_gradebook.html", context)


@login_required
def class_gradebook_csv(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    body = gradebook_csv(selectors.gradebook_for_classroom(classroom))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gradebook-class-{classroom.pk}.csv"'
    return response


@login_required
def student_report(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student(request.user, student_id)
    context = {
        "student": student,
        "grades": selectors.report_for_student(student),
        "observations": selectors.observations_for_student(student),
        "is_teacher": request.user.role == Role.TEACHER,
        "sees_detail": request.user.role in (Role.TEACHER, Role.SCHOOL_ADMIN),
    }
    return render(request, "gradebook/student_report.html", context)


@login_required
def cell_detail(request: HttpRequest, student_id: int, standard_id: int) -> HttpResponse:
    student = access_student_for_detail(request.user, student_id)
    standard = access_standard_of_student(student, standard_id)
    cell = selectors.cell_for_student(student, standard)
    override_form = OverrideForm(initial={"level": int(cell.grade.level)})
    return _render_cell(request, student, standard, override_form, RemoveOverrideForm(), cell=cell)


def _render_cell(
    request: HttpRequest,
    student: object,
    standard: object,
    override_form: OverrideForm,
    remove_form: RemoveOverrideForm,
    status: int = 200,
    cell: selectors.CellDetail | None = None,
) -> HttpResponse:
    context = {
        "student": student,
        "standard": standard,
        "cell": cell or selectors.cell_for_student(student, standard),
        "can_override": request.user.role == Role.TEACHER,
        "override_form": override_form,
        "remove_form": remove_form,
    }
    return render(request, "gradebook/cell_detail.html", context, status=status)


@login_required
@require_POST
def cell_override(request: HttpRequest, student_id: int, standard_id: int) -> HttpResponse:
    student = access_student_for_grading(request.user, student_id)
    standard = access_standard_of_student(student, standard_id)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        return _render_cell(request, student, standard, form, RemoveOverrideForm(), 400)
    services.override_grade(
        teacher=request.user, student=student, standard=standard, **form.cleaned_data
    )
    messages.success(
        request, gettext("Level for %(code)s set by override.") % {"code": ltr_text(standard.label)}
    )
    return redirect("gradebook_cell", student_id=student.pk, standard_id=standard.pk)


@login_required
@require_POST
def cell_remove_override(request: HttpRequest, student_id: int, standard_id: int) -> HttpResponse:
    student = access_student_for_grading(request.user, student_id)
    standard = access_standard_of_student(student, standard_id)
    form = RemoveOverrideForm(request.POST)
    if form.is_valid():
        try:
            services.remove_override(
                teacher=request.user, student=student, standard=standard, **form.cleaned_data
            )
        except services.GradebookError as error:
            form.add_error(None, error.message)
    if not form.is_valid():
        return _render_cell(request, student, standard, OverrideForm(), form, 400)
    messages.success(
        request,
        gettext("Override removed; %(code)s follows the evidence again.")
        % {"code": ltr_text(standard.label)},
    )
    return redirect("gradebook_cell", student_id=student.pk, standard_id=standard.pk)


@login_required
def observation_new(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_for_grading(request.user, student_id)
    standards = leaf_standards_for_student(student)
    initial = {"standard": request.GET.get("standard")} if request.method == "GET" else None
    form = ObservationForm(request.POST or None, standards=standards, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_observation(observer=request.user, student=student, **form.cleaned_data)
        messages.success(
            request, gettext("Observation of %(name)s saved.") % {"name": student.name}
        )
        return redirect("gradebook_student", student_id=student.pk)
    status = 400 if form.is_bound else 200
    context = {"student": student, "form": form}
    return render(request, "gradebook/observation_form.html", context, status=status)
