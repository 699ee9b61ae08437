"""The teacher's goals page (help, co-signs, reflections) and the read-only student page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.core.redirects import safe_next
from learnloop.goals import selectors, services
from learnloop.goals.access import (
    access_goal_to_cosign,
    access_help_request_to_resolve,
    access_student_goals,
    require_teacher,
)
from learnloop.goals.forms import CosignForm
from learnloop.goals.models import GoalStatus
from learnloop.goals.services import GoalError
from learnloop.privacy.rules import Record, may_read, reader_of
from learnloop.privacy.scope import scope_of_reader


@login_required
def teacher_home(request: HttpRequest) -> HttpResponse:
    teacher = require_teacher(request.user)
    context = {
        "help_requests": selectors.help_requests_for_teacher(teacher),
        "cosign_requests": selectors.cosign_requests_for_teacher(teacher),
        "reflections": selectors.reflections_for_teacher(teacher),
        "cosign_form": CosignForm(),
    }
    return render(request, "goals/teacher.html", context)


@login_required
@require_POST
def cosign(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = access_goal_to_cosign(request.user, goal_id)
    form = CosignForm(request.POST)
    back = safe_next(request.POST.get("next", ""), "goals_teacher")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["comment"]))
        return redirect(back)
    try:
        services.cosign_goal(goal=goal, teacher=request.user, comment=form.cleaned_data["comment"])
    except GoalError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            gettext("You co-signed %(name)s's goal “%(title)s”.")
            % {"name": goal.student.name, "title": goal.title},
        )
    return redirect(back)


@login_required
@require_POST
def resolve_help(request: HttpRequest, request_id: int) -> HttpResponse:
    help_request = access_help_request_to_resolve(request.user, request_id)
    services.resolve_help_request(help_request=help_request, by=request.user)
    messages.success(
        request, gettext("Marked as helped: %(name)s.") % {"name": help_request.student.name}
    )
    return redirect(safe_next(request.POST.get("next", ""), "goals_teacher"))


@login_required
def student_goals(request: HttpRequest, student_id: int) -> HttpResponse:
    """A student's goals and progress, read-only. The class (the student and their teachers)
    sees every goal and the reflections (a teacher: those of their classes, goals.scope);
    family and the school office see active and achieved goals only."""
    student = access_student_goals(request.user, student_id)
    reader = reader_of(request.user, student)
    show_reflections = may_read(reader, Record.REFLECTION)
    let_go = may_read(reader, Record.LET_GO_GOAL)
    statuses = None if let_go else [GoalStatus.ACTIVE, GoalStatus.ACHIEVED]
    scope = scope_of_reader(request.user, reader)
    context = {
        "student": student,
        "goals": selectors.goals_for_student(
            student, statuses=statuses, with_reflections=show_reflections, scope=scope
        ),
        "show_reflections": show_reflections,
        "week_reflections": (
            selectors.week_reflections_for_student(student) if show_reflections else []
        ),
    }
    return render(request, "goals/student.html", context)
