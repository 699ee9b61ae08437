"""The teachers' how-to pages, rendered from the markdown in `teaching/help/`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from learnloop.accounts.access import require_role
from learnloop.accounts.models import Role
from learnloop.teaching.guide import help_page, help_pages


@login_required
def teacher_help(request: HttpRequest, page: str) -> HttpResponse:
    require_role(request.user, Role.TEACHER, Role.SCHOOL_ADMIN)
    found = help_page(page)
    if found is None:
        raise Http404("No such how-to.")
    context = {"page": found, "pages": [help_page(slug) for slug in help_pages()]}
    return render(request, "teaching/help.html", context)
