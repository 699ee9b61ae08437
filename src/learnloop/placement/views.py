"""The placement pages: a student's checks, taking one, and a class's starting map."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from learnloop.content.grading_adapter import choice_specs
from learnloop.placement import selectors, services
from learnloop.placement.access import access_check_for_student, access_classroom, require_student
from learnloop.placement.course import course_for
from learnloop.placement.forms import AssignPlacementForm
from learnloop.placement.models import PlacementAttempt, PlacementCheck
from learnloop.placement.services import PlacementError
from learnloop.web.parsing import parse_optional_id


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The placement checks the student was given, to start, go on with or look back at."""
    student = require_student(request.user)
    return render(request, "placement/mine.html", {"rows": selectors.checks_for_student(student)})


@login_required
def take(request: HttpRequest, check_id: int) -> HttpResponse:
    """One check: its start, the current question, or the friendly result."""
    check = access_check_for_student(request.user, check_id)
    attempt = PlacementAttempt.objects.filter(placement_check=check, student=request.user).first()
    error = None
    if request.method == "POST":
        try:
            _post(request, check, attempt)
            return redirect("placement_take", check_id=check.pk)
        except PlacementError as refused:
            error = refused
    return render(request, "placement/take.html", _take_context(check, attempt, error))


def _post(request: HttpRequest, check: PlacementCheck, attempt: PlacementAttempt | None) -> None:
    if attempt is None:
        services.start_placement(student=request.user, check=check)  # type: ignore[arg-type]
        return
    answers = request.POST.getlist("answer")
    services.answer_placement(
        attempt=attempt,
        item_id=parse_optional_id(request.POST.get("item_id"), "item_id") or 0,
        answer=answers
        if request.POST.get("kind") == "multiple_choice"
        else request.POST.get("answer"),
        not_yet="not_yet" in request.POST,
    )


def _take_context(
    check: PlacementCheck, attempt: PlacementAttempt | None, error: PlacementError | None
) -> dict[str, Any]:
    context: dict[str, Any] = {"check": check, "attempt": attempt, "error": error}
    if attempt is not None and attempt.finished_at is not None:
        context["result"] = selectors.result_for(attempt, course_for(check.framework))
    elif attempt is not None and attempt.current_item is not None:
        item = attempt.current_item
        context.update(item=item, choices=choice_specs(item), number=len(attempt.answers) + 1)
    return context


@login_required
def class_map(request: HttpRequest, classroom_id: int) -> HttpResponse:
    """The class's placement checks and starting maps; assigning a new check."""
    classroom = access_classroom(request.user, classroom_id)
    form = AssignPlacementForm(request.POST or None, classroom=classroom)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_placement_check(
                assigned_by=request.user,  # type: ignore[arg-type]
                classroom=classroom,
                framework=form.cleaned_data["framework"],
                student=form.cleaned_data["student"],
            )
            messages.success(request, _("Placement check assigned."))
            return redirect("placement_class", classroom_id=classroom.pk)
        except PlacementError as refused:
            form.add_error(refused.field, refused.message)
    context = {"classroom": classroom, "form": form, "maps": selectors.class_maps(classroom)}
    return render(request, "placement/class_map.html", context)
