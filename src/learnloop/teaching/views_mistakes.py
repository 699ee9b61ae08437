"""Common mistakes this week, and the one-click moves that act on them."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learnloop.schools.models import Classroom
from learnloop.schools.selectors import students_for_classroom
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_classroom
from learnloop.teaching.access import access_classroom
from learnloop.teaching.mistakes import WINDOW_DAYS, mistakes_for_classroom
from learnloop.teaching.models import Audience
from learnloop.teaching.selectors import activities_for_classroom
from learnloop.teaching.services import TeachingError, create_assignment, make_group_for_move
from learnloop.web.parsing import BadInput, check_text, parse_id, parse_ids, parse_int

WINDOWS = (7, 14, 30)
BACK = {"dashboard": "teaching_class_dashboard", "mistakes": "teaching_class_mistakes"}


@login_required
def class_mistakes(request: HttpRequest, classroom_id: int) -> HttpResponse:
    classroom = access_classroom(request.user, classroom_id)
    raw_days = request.GET.get("days")
    days = parse_int(raw_days, "days", minimum=1, maximum=60) if raw_days else WINDOW_DAYS
    students = list(students_for_classroom(classroom))
    standards = leaf_standards_for_classroom(classroom)
    report = mistakes_for_classroom(classroom, students, standards, timezone.now(), days=days)
    context = {
        "classroom": classroom,
        "report": report,
        "windows": WINDOWS,
        "days": days,
    }
    return render(request, "teaching/mistakes.html", context)


@login_required
@require_POST
def mistake_group(request: HttpRequest, classroom_id: int) -> HttpResponse:
    """Make the group of a move: the students who made a mistake, or who are stuck."""
    classroom = access_classroom(request.user, classroom_id)
    standard = _standard(request, classroom)
    try:
        group = make_group_for_move(
            classroom=classroom,
            teacher=request.user,
            standard=standard,
            student_ids=parse_ids(request.POST.getlist("students"), "students"),
            name=check_text(request.POST.get("name", ""), "name", max_length=200),
            explanation=check_text(request.POST.get("explanation", ""), "explanation")[:300],
        )
    except TeachingError as failure:
        messages.error(request, failure.message)
    else:
        messages.success(
            request,
            _("Group “%(name)s” saved with %(count)s students: assign it work from Assignments.")
            % {"name": group.name, "count": group.memberships.count()},
        )
    return redirect(_back(request), classroom_id=classroom.pk)


@login_required
@require_POST
def mistake_assign(request: HttpRequest, classroom_id: int) -> HttpResponse:
    """Assign a standard's mini-lesson to the students who made a mistake."""
    classroom = access_classroom(request.user, classroom_id)
    standard = _standard(request, classroom)
    activity_id = parse_id(request.POST.get("activity"), "activity")
    activity = activities_for_classroom(classroom, [standard.pk]).filter(pk=activity_id).first()
    student_ids = parse_ids(request.POST.getlist("students"), "students")
    try:
        client_id = uuid.UUID(str(request.POST.get("client_id", "")))
    except ValueError:
        raise BadInput("client_id", "must be the form's id") from None
    if activity is None:
        messages.error(request, _("Choose an activity on this standard."))
        return redirect(_back(request), classroom_id=classroom.pk)
    try:
        create_assignment(
            classroom=classroom,
            teacher=request.user,
            activity=activity,
            audience=Audience.STUDENTS,
            client_id=client_id,
            students=list(students_for_classroom(classroom).filter(pk__in=student_ids)),
            note=check_text(request.POST.get("note", ""), "note")[:500],
        )
    except TeachingError as failure:
        messages.error(request, failure.message)
    else:
        messages.success(
            request,
            _("“%(title)s” assigned to %(count)s students.")
            % {"title": activity.title, "count": len(student_ids)},
        )
    return redirect(_back(request), classroom_id=classroom.pk)


def _standard(request: HttpRequest, classroom: Classroom) -> Standard:
    standard_id = parse_id(request.POST.get("standard"), "standard")
    standard = Standard.objects.filter(pk=standard_id, framework__classrooms=classroom).first()
    if standard is None:
        raise BadInput("standard", "must be one of this class's standards")
    return standard


def _back(request: HttpRequest) -> str:
    return BACK.get(request.POST.get("back", ""), BACK["mistakes"])
