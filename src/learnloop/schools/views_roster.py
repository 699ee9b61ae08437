"""The school office's roster page: upload a OneRoster zip, preview the plan, confirm.

Only the school admin of the school (require_school_office). The preview is the import's
dry run; confirming applies the stored upload, planned afresh, in one transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from learnloop.core.readable import grouped
from learnloop.schools.access import require_school_office
from learnloop.schools.forms import RosterConfirmForm, RosterUploadForm
from learnloop.schools.oneroster.importing import RosterError, import_roster, readable_summary
from learnloop.schools.oneroster.uploads import store_upload, stored_upload

TEMPLATE = "schools/office_roster.html"


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    _, school = require_school_office(request.user)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"school": school, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["roster"]
        try:
            token = store_upload(school=school, data=upload.read(), name=upload.name)
            path = stored_upload(school=school, token=token)
        except RosterError as error:
            form.add_error("roster", error.message)
        else:
            try:
                plan = import_roster(path=path, school=school, dry_run=True, name=upload.name)
            except RosterError as error:
                path.unlink(missing_ok=True)
                for problem in error.problems:
                    form.add_error("roster", problem)
            else:
                context |= {
                    "plan": plan,
                    "summary": readable_summary(plan),
                    "confirm": RosterConfirmForm(initial={"token": token}),
                }
    return render(request, TEMPLATE, context, status=400 if form.errors else 200)


@login_required
@require_POST
def roster_confirm(request: HttpRequest) -> HttpResponse:
    admin, school = require_school_office(request.user)
    form = RosterConfirmForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            TEMPLATE,
            {
                "school": school,
                "form": RosterUploadForm(),
                "refused": [gettext("token: upload the roster again")],
            },
            status=400,
        )
    try:
        path = stored_upload(school=school, token=form.cleaned_data["token"])
        plan = import_roster(path=path, school=school, actor=admin)
    except RosterError as error:
        context = {"school": school, "form": RosterUploadForm(), "refused": error.problems}
        return render(request, TEMPLATE, context, status=400)
    path.unlink(missing_ok=True)
    messages.success(
        request,
        ngettext(
            "Roster imported: %(count)s change.",
            "Roster imported: %(count)s changes.",
            plan.changed,
        )
        % {"count": grouped(plan.changed)},
    )
    return redirect("schools_office_roster")
