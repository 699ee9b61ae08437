"""Conference pages: request, the student's history, the teacher's list and to-do list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.accounts.access import access_student, require_role
from learnloop.accounts.models import Role
from learnloop.conferences import selectors, services
from learnloop.conferences.access import access_action_to_complete, access_student_to_confer
from learnloop.conferences.forms import PlanForm, RequestForm
from learnloop.core.redirects import safe_next
from learnloop.privacy.rules import Reader, Record, may_read, reader_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """A student's conferences and actions, or a teacher's conferences."""
    user = require_role(request.user, Role.STUDENT, Role.TEACHER)
    if user.role == Role.TEACHER:
        context = {"conferences": selectors.conferences_for_teacher(user)}
        return render(request, "conferences/teacher_home.html", context)
    context = {
        "student": user,
        "conferences": selectors.conferences_for_student(user, include_private=False),
        "open_actions": selectors.open_actions_for_student(user),
    }
    return render(request, "conferences/student_home.html", context)


@login_required
def request_conference(request: HttpRequest) -> HttpResponse:
    student = require_role(request.user, Role.STUDENT)
    teachers = selectors.teachers_for_student(student)
    form = RequestForm(request.POST or None, teachers=teachers)
    if request.method == "POST" and form.is_valid():
        services.request_conference(student=student, requested_by=student, **form.cleaned_data)
        messages.success(request, gettext("Your request is sent. Your teacher will choose a time."))
        return redirect("conferences_home")
    status = 400 if form.is_bound else 200
    context = {"form": form, "has_teachers": teachers.exists()}
    return render(request, "conferences/request.html", context, status=status)


@login_required
def student_history(request: HttpRequest, student_id: int) -> HttpResponse:
    """One student's conferences, for the student, their guardians, teachers and admin."""
    student = access_student(request.user, student_id)
    reader = reader_of(request.user, student)
    context = {
        "student": student,
        "conferences": selectors.conferences_for_student(
            student, include_private=may_read(reader, Record.PRIVATE_NOTE)
        ),
        "teaches": reader == Reader.TEACHER,
    }
    return render(request, "conferences/student_history.html", context)


@login_required
def plan_conference(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_to_confer(request.user, student_id)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        conference = services.request_conference(
            student=student, teacher=request.user, requested_by=request.user, **form.cleaned_data
        )
        messages.success(
            request, gettext("Conference with %(name)s planned.") % {"name": student.name}
        )
        return redirect("conferences_detail", conference_id=conference.pk)
    status = 400 if form.is_bound else 200
    context = {"student": student, "form": form}
    return render(request, "conferences/plan.html", context, status=status)


@login_required
def todo(request: HttpRequest) -> HttpResponse:
    teacher = require_role(request.user, Role.TEACHER)
    context = {"actions": selectors.open_actions_for_teacher(teacher)}
    return render(request, "conferences/todo.html", context)


@login_required
@require_POST
def complete_action(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access_action_to_complete(request.user, action_id)
    services.complete_action(action=action, by=request.user)
    messages.success(request, gettext("Done: %(title)s") % {"title": action.title})
    return redirect(_next_url(request, "conferences_home"))


def _next_url(request: HttpRequest, fallback: str) -> str:
    target = safe_next(request.POST.get("next", ""), "")
    if target:
        return target
    if fallback == "conferences_home" and request.user.role == Role.TEACHER:
        return "conferences_todo"
    return fallback
