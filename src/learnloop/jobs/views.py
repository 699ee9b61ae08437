"""The job queue page for a school admin (/jobs/)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from learnloop.jobs import selectors
from learnloop.jobs.access import require_school_admin


@login_required
def jobs_page(request: HttpRequest) -> HttpResponse:
    school_id = require_school_admin(request.user)
    rows = selectors.jobs_for_school(school_id)
    context = {"rows": rows, "counts": selectors.counts_by_state(rows)}
    return render(request, "jobs/jobs.html", context)
