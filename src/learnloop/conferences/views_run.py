"""One conference: the page everyone who may see it reads, and the teacher's writes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.conferences import selectors, services
from learnloop.conferences.access import access_conference, access_conference_to_run
from learnloop.conferences.forms import ActionForm, NoteForm, ScheduleForm
from learnloop.conferences.models import Conference, Status
from learnloop.conferences.reading import (
    agenda_for_reader,
    struggle_standards,
    with_todays_levels,
)
from learnloop.learning.selectors import activities_for_student
from learnloop.privacy.rules import Record, may_read, reader_of
from learnloop.standards.selectors import leaf_standards_for_student


def _forms(conference: Conference, data: Any = None, which: str = "") -> dict[str, Any]:
    standards = leaf_standards_for_student(conference.student)
    activities = activities_for_student(conference.student, [s.pk for s in standards])
    return {
        "note_form": NoteForm(
            data if which == "note" else None, standards=standards, auto_id="note_%s"
        ),
        "action_form": ActionForm(
            data if which == "action" else None, activities=activities, auto_id="action_%s"
        ),
        "schedule_form": ScheduleForm(
            data if which == "schedule" else None,
            initial={"scheduled_at": conference.scheduled_at, "place": conference.place},
            auto_id="schedule_%s",
        ),
    }


def _render(
    request: HttpRequest, conference: Conference, forms: dict[str, Any], status: int = 200
) -> HttpResponse:
    reader = reader_of(request.user, conference.student)
    private = may_read(reader, Record.PRIVATE_NOTE)
    detail = selectors.conference_detail(conference.pk, include_private=private)
    own = request.user.pk == conference.teacher_id
    agenda = agenda_for_reader(detail.agenda, reader, conference_teacher=own)
    levels = selectors.levels_for_student(conference.student_id, struggle_standards(agenda))
    context = {
        "conference": detail,
        "agenda": with_todays_levels(agenda, levels),
        "runs": private,
        "is_open": detail.status != Status.CLOSED,
        "before_held": detail.status in (Status.REQUESTED, Status.SCHEDULED),
        **(forms if private else {}),
    }
    return render(request, "conferences/detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    conference = access_conference(request.user, conference_id)
    return _render(request, conference, _forms(conference))


def _write(request: HttpRequest, conference_id: int, which: str) -> HttpResponse:
    """Validate one of the page's forms, call its service, or show the page with errors."""
    conference = access_conference_to_run(request.user, conference_id)
    forms = _forms(conference, request.POST, which)
    form = forms[f"{which}_form"]
    if form.is_valid():
        try:
            _save(which, conference, request, form.cleaned_data)
        except services.ConferenceError as error:
            form.add_error(None, error.message)
        else:
            return redirect("conferences_detail", conference_id=conference.pk)
    return _render(request, conference, forms, status=400)


def _save(which: str, conference: Conference, request: HttpRequest, data: dict) -> None:
    if which == "note":
        services.add_note(conference=conference, author=request.user, **data)
        messages.success(request, gettext("Note saved."))
    elif which == "action":
        services.add_action(conference=conference, **data)
        messages.success(request, gettext("Action agreed."))
    else:
        services.schedule_conference(conference=conference, **data)
        messages.success(request, gettext("Conference scheduled."))


@login_required
@require_POST
def add_note(request: HttpRequest, conference_id: int) -> HttpResponse:
    return _write(request, conference_id, "note")


@login_required
@require_POST
def add_action(request: HttpRequest, conference_id: int) -> HttpResponse:
    return _write(request, conference_id, "action")


@login_required
@require_POST
def schedule(request: HttpRequest, conference_id: int) -> HttpResponse:
    return _write(request, conference_id, "schedule")


@login_required
@require_POST
def change_status(request: HttpRequest, conference_id: int) -> HttpResponse:
    """Mark held, close, or refresh the agenda: the buttons at the top of the page."""
    conference = access_conference_to_run(request.user, conference_id)
    steps = {
        "held": services.hold_conference,
        "closed": services.close_conference,
        "agenda": services.refresh_agenda,
    }
    step = steps.get(request.POST.get("to", ""))
    try:
        if step is None:
            raise services.ConferenceError("to", gettext("Choose held, closed or agenda."))
        step(conference=conference)
    except services.ConferenceError as error:
        messages.error(request, error.message)
    return redirect("conferences_detail", conference_id=conference.pk)
