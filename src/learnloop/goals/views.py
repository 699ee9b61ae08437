"""The student's goals pages and the one-tap writes the embedded cards post to."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.core.bidi import ltr_text
from learnloop.core.redirects import safe_next
from learnloop.goals import selectors, services
from learnloop.goals.access import access_own_goal, require_student
from learnloop.goals.forms import GoalForm, HelpForm, RatingForm, ReflectionForm
from learnloop.goals.services import GoalError
from learnloop.learning.access import access_activity_for_student, access_standard_for_student
from learnloop.web.parsing import parse_ids


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """My goals: every goal with its progress and reflections, and this week's reflections."""
    student = require_student(request.user)
    goals = selectors.goals_for_student(student, with_reflections=True)
    context = {
        "rows": [(view, uuid.uuid4()) for view in goals],
        "week_form": ReflectionForm(),
        "week_reflections": selectors.week_reflections_for_student(student),
    }
    return render(request, "goals/home.html", context)


@login_required
def new_goal(request: HttpRequest) -> HttpResponse:
    """Set a goal. "Find" re-shows the form with matching standards, keeping what was typed."""
    student = require_student(request.user)
    searching = "find" in request.POST
    kept = parse_ids(request.POST.getlist("standards"), "standards")
    query = request.POST.get("q", "") if searching else ""
    standards = selectors.standard_choices_for_student(student, query, keep=kept)
    if searching:
        form = GoalForm(initial=request.POST.dict() | {"standards": kept}, standards=standards)
        return _new_goal_page(request, form, query)
    form = GoalForm(request.POST or None, standards=standards)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {s.pk: s for s in standards}
        try:
            goal = services.create_goal(
                student=student,
                kind=data["kind"],
                title=data["title"],
                target_on=data["target_on"],
                client_id=data["client_id"],
                standards=[by_id[pk] for pk in data["standards"]],
                weekly_minutes=data["weekly_minutes"],
            )
        except GoalError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, gettext("Goal set: %(title)s") % {"title": goal.title})
            return redirect("goals_home")
    return _new_goal_page(request, form, query, status=400 if form.is_bound else 200)


def _new_goal_page(
    request: HttpRequest, form: GoalForm, query: str, status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "query": query,
        "has_standards": bool(form.fields["standards"].choices),
    }
    return render(request, "goals/new.html", context, status=status)


def _change_goal(
    request: HttpRequest, goal_id: int, change: Callable[..., None], done: str
) -> HttpResponse:
    """Apply a service to one of the student's own goals and say how it went."""
    goal = access_own_goal(request.user, goal_id)
    try:
        change(goal=goal)
    except GoalError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done % {"title": goal.title})
    return redirect("goals_home")


@login_required
@require_POST
def achieve(request: HttpRequest, goal_id: int) -> HttpResponse:
    return _change_goal(
        request, goal_id, services.achieve_goal, gettext("Well done! “%(title)s” is achieved.")
    )


@login_required
@require_POST
def abandon(request: HttpRequest, goal_id: int) -> HttpResponse:
    done = gettext("You let go of “%(title)s”. You can set a new goal any time.")
    return _change_goal(request, goal_id, services.abandon_goal, done)


@login_required
@require_POST
def request_cosign(request: HttpRequest, goal_id: int) -> HttpResponse:
    done = gettext("Your teacher has been asked to co-sign “%(title)s”.")
    return _change_goal(request, goal_id, services.request_cosign, done)


@login_required
@require_POST
def reflect(request: HttpRequest) -> HttpResponse:
    """A reflection on a goal (goal field set) or on this week."""
    student = require_student(request.user)
    form = ReflectionForm(request.POST)
    goal = None
    if form.is_valid():
        goal = (
            access_own_goal(student, form.cleaned_data["goal"])
            if form.cleaned_data["goal"]
            else None
        )
        try:
            services.add_reflection(
                student=student,
                text=form.cleaned_data["text"],
                client_id=form.cleaned_data["client_id"],
                goal=goal,
            )
        except GoalError as error:
            form.add_error("text", error.message)
        else:
            messages.success(
                request, gettext("Reflection saved. Your teacher can read it; your family cannot.")
            )
            return redirect("goals_home")
    return render(request, "goals/reflect.html", {"form": form, "goal": goal}, status=400)


@login_required
@require_POST
def rate(request: HttpRequest, standard_id: int) -> HttpResponse:
    """Add an "I can ..." rating and go back to the page the card was on."""
    standard = access_standard_for_student(request.user, standard_id)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate_standard(student=request.user, standard=standard, **form.cleaned_data)
        except GoalError as error:
            form.add_error("rating", error.message)
    if form.is_valid():
        messages.success(
            request,
            gettext("Saved: you rated %(code)s at %(rating)s of 4.")
            % {"code": ltr_text(standard.label), "rating": form.cleaned_data["rating"]},
        )
        fallback = reverse("learning_standard_detail", args=[standard.pk])
        return redirect(safe_next(request.POST.get("next", ""), fallback))
    card = selectors.self_assessment_for(request.user, standard)
    context = {"self_assessment": card, "form": form, "standard": standard}
    return render(request, "goals/rate.html", context, status=400)


@login_required
@require_POST
def ask_for_help(request: HttpRequest) -> HttpResponse:
    """The one-tap "I need help": a second tap while one is open creates nothing."""
    student = require_student(request.user)
    form = HelpForm(request.POST)
    back = safe_next(request.POST.get("next", ""), reverse("home"))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    data = form.cleaned_data
    standard = access_standard_for_student(student, data["standard"]) if data["standard"] else None
    activity = access_activity_for_student(student, data["activity"]) if data["activity"] else None
    # More than one topic in one request: each ticked standard, checked like the one.
    topics = [
        access_standard_for_student(student, pk)
        for pk in parse_ids(request.POST.getlist("topic"), "topic")
    ]
    help_request, created = services.ask_for_help(
        student=student,
        message=data["message"],
        standard=standard,
        activity=activity,
        topics=topics,
    )
    if created:
        messages.success(
            request, gettext("Your teacher has been told. Keep going with something you can do.")
        )
    else:
        sent = naturaltime(help_request.created_at)
        messages.info(
            request, gettext("Your teacher has been told (sent %(sent)s).") % {"sent": sent}
        )
    return redirect(back)
