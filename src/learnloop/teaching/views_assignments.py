"""Assignments: give an activity to the class, a group or students; follow completion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.schools.models import Classroom
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.access import access_assignment, access_classroom, access_recipient
from learnloop.teaching.completion import statuses_for_assignments
from learnloop.teaching.forms import AssignmentForm
from learnloop.teaching.models import Audience, Group
from learnloop.teaching.selectors import (
    activities_for_classroom,
    assignment_statuses_for_classroom,
    groups_for_classroom,
)
from learnloop.teaching.services import TeachingError, create_assignment, mark_assignment_done
from learnloop.web.parsing import parse_optional_id


@login_required
def assignment_list(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    context = {"classroom": classroom, "statuses": assignment_statuses_for_classroom(classroom)}
    return render(request, "teaching/assignment_list.html", context)


def _form(request: HttpRequest, classroom: Classroom) -> AssignmentForm:
    standard_ids = [s.pk for s in leaf_standards_for_classroom(classroom)]
    initial = {}
    group_id = parse_optional_id(request.GET.get("group"), "group")
    if group_id is not None:
        initial = {"audience": Audience.GROUP, "group": group_id}
    return AssignmentForm(
        request.POST or None,
        initial=initial,
        activities=activities_for_classroom(classroom, standard_ids),
        groups=Group.objects.filter(classroom=classroom).order_by("name"),
        students=students_for_classroom(classroom),
    )


@login_required
def assignment_new(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    form = _form(request, classroom)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = create_assignment(
                classroom=classroom,
                teacher=request.user,
                activity=data["activity"],
                audience=data["audience"],
                client_id=data["client_id"],
                group=data["group"],
                students=list(data["students"]),
                note=data["note"],
                due_on=data["due_on"],
            )
        except TeachingError as failure:
            form.add_error(failure.field if failure.field in form.fields else None, failure.message)
        else:
            messages.success(
                request, gettext("Assigned “%(title)s”.") % {"title": assignment.activity.title}
            )
            return redirect("teaching_assignment_detail", assignment_id=assignment.pk)
    status = 400 if request.method == "POST" else 200
    context = {"classroom": classroom, "form": form, "groups": groups_for_classroom(classroom)}
    return render(request, "teaching/assignment_new.html", context, status=status)


@login_required
def assignment_detail(request: HttpRequest, assignment_id: int) -> HttpResponse:
    assignment = access_assignment(request.user, assignment_id)
    (status,) = statuses_for_assignments([assignment])
    context = {"classroom": assignment.classroom, "status": status, "assignment": assignment}
    return render(request, "teaching/assignment_detail.html", context)


@login_required
@require_POST
def assignment_done(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The targeted student says they finished (lesson or project); only they may."""
    recipient = access_recipient(request.user, assignment_id)
    mark_assignment_done(recipient=recipient)
    messages.success(
        request,
        gettext("Marked “%(title)s” as finished.") % {"title": recipient.assignment.activity.title},
    )
    return redirect("learning_home")
