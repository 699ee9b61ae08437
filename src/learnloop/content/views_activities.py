"""Authoring pages for activities: library, create, edit, align, items, rubric, preview,
publish, and copy and adapt."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from learnloop.content.access import (
    access_activity_for_edit,
    access_activity_for_view,
    can_edit,
    require_author,
)
from learnloop.content.forms import ActivityForm, RubricForm
from learnloop.content.models import ActivityKind
from learnloop.content.selectors import (
    activities_for_author,
    entries_for_activity,
    items_by_ids,
    items_to_add,
    rubric_for_activity,
    rubric_title,
    standards_by_ids,
    standards_matching,
)
from learnloop.content.services import (
    align_activity,
    copy_activity,
    create_activity,
    publish_activity,
    set_activity_items,
    set_rubric,
    update_activity,
)
from learnloop.content.views import PAGE_SIZE, add_errors, library_filter
from learnloop.web.parsing import parse_ids


@login_required
def library(request: HttpRequest) -> HttpResponse:
    user = require_author(request.user)
    form, chosen = library_filter(request, ActivityKind.choices)
    activities = activities_for_author(user, chosen)
    page = Paginator(activities, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "kinds": ActivityKind.choices,
        "query": params.urlencode(),
    }
    return render(request, "content/library.html", context)


@login_required
def activity_create(request: HttpRequest, kind: str) -> HttpResponse:
    user = require_author(request.user)
    if kind not in ActivityKind.values:
        raise Http404("No such activity kind.")
    form = ActivityForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            activity = create_activity(author=user, school=user.school, draft=form.to_draft())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, gettext("Activity saved as a draft."))
            return redirect("content_activity_preview", activity_id=activity.pk)
    context = {"form": form, "kind": ActivityKind(kind), "activity": None}
    return render(request, "content/activity_form.html", context)


@login_required
def activity_edit(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_edit(request.user, activity_id)
    initial = ActivityForm.initial_for(activity)
    form = ActivityForm(request.POST or None, kind=activity.kind, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_activity(activity=activity, draft=form.to_draft())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, gettext("Activity saved."))
            return redirect("content_activity_preview", activity_id=activity.pk)
    context = {"form": form, "kind": ActivityKind(activity.kind), "activity": activity}
    return render(request, "content/activity_form.html", context)


@login_required
def activity_preview(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_view(request.user, activity_id)
    context = {
        "activity": activity,
        "editable": can_edit(request.user, activity),
        "standards": activity.standards.order_by("code"),
        "entries": entries_for_activity(activity) if activity.holds_items else [],
        "rubric": rubric_for_activity(activity),
    }
    return render(request, "content/activity_preview.html", context)


@login_required
def activity_standards(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_edit(request.user, activity_id)
    user = require_author(request.user)
    current = list(activity.standards.order_by("code"))
    if request.method == "POST":
        ids = parse_ids(request.POST.getlist("standards"), "standards")
        chosen = standards_by_ids(user, ids, already=current)
        align_activity(activity=activity, standards=chosen)
        messages.success(
            request,
            ngettext(
                "Aligned to %(count)d standard.", "Aligned to %(count)d standards.", len(chosen)
            )
            % {"count": len(chosen)},
        )
        return redirect("content_activity_preview", activity_id=activity.pk)
    query = request.GET.get("q", "")[:100]
    context = {
        "target_name": activity.title,
        "current": current,
        "results": [s for s in standards_matching(user, query) if s not in current],
        "query": query,
        "back_href": reverse("content_activity_preview", args=[activity.pk]),
    }
    return render(request, "content/align.html", context)


@login_required
def activity_items(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_edit(request.user, activity_id)
    user = require_author(request.user)
    if not activity.holds_items:
        raise Http404("This activity has no items.")
    if request.method == "POST":
        kept = parse_ids(request.POST.getlist("keep"), "keep") + parse_ids(
            request.POST.getlist("add"), "add"
        )
        try:
            set_activity_items(activity=activity, items=items_by_ids(user, kept))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, gettext("Items saved."))
        return redirect("content_activity_items", activity_id=activity.pk)
    query = request.GET.get("q", "")[:100]
    context = {
        "activity": activity,
        "entries": entries_for_activity(activity),
        "candidates": items_to_add(user, activity, query) if query else [],
        "query": query,
    }
    return render(request, "content/activity_items.html", context)


@login_required
def activity_rubric(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_edit(request.user, activity_id)
    if activity.kind != ActivityKind.PROJECT:
        raise Http404("Only projects have a rubric.")
    criteria = [row["criterion"] for row in rubric_for_activity(activity)]
    initial = RubricForm.initial_for(rubric_title(activity), criteria)
    form = RubricForm(request.POST or None, rows=len(criteria) + 2, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            set_rubric(activity=activity, draft=form.to_draft())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, gettext("Rubric saved."))
            return redirect("content_activity_preview", activity_id=activity.pk)
    return render(request, "content/activity_rubric.html", {"activity": activity, "form": form})


@login_required
@require_POST
def activity_publish(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_edit(request.user, activity_id)
    try:
        publish_activity(activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Activity published."))
    return redirect("content_activity_preview", activity_id=activity.pk)


@login_required
@require_POST
def activity_copy(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity_for_view(request.user, activity_id)
    copy = copy_activity(activity=activity, owner=require_author(request.user))
    messages.success(request, gettext("Copied. This draft is yours to adapt."))
    return redirect("content_activity_preview", activity_id=copy.pk)
