"""The school office's xAPI pages: LRS settings, the outbox and its dead letters."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learnloop.xapi import selectors, services
from learnloop.xapi.access import access_dead_letter, access_xapi_office
from learnloop.xapi.forms import LrsConfigForm
from learnloop.xapi.models import OutboxStatement, OutboxStatus


@login_required
def lrs_settings(request: HttpRequest) -> HttpResponse:
    school = access_xapi_office(request.user)
    config = selectors.lrs_config_for_school(school)
    initial = {
        "enabled": config.enabled if config else False,
        "endpoint": config.endpoint if config else "",
        "key_env": config.key_env if config else "LRS_KEY",
        "secret_env": config.secret_env if config else "LRS_SECRET",
        "version": config.version if config else "1.0.3",
        "actor_kind": config.actor_kind if config else "account",
        "home_page": config.home_page if config else "",
    }
    form = LrsConfigForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_lrs_config(school=school, **form.cleaned_data)
        except services.XapiError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("LRS settings saved."))
            return redirect("xapi_settings")
    status = 400 if form.errors else 200
    context = {"school": school, "form": form}
    return render(request, "xapi/settings.html", context, status=status)


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    school = access_xapi_office(request.user)
    context = {
        "school": school,
        "config": selectors.lrs_config_for_school(school),
        "counts": [
            (OutboxStatus(status).label, count)
            for status, count in selectors.outbox_counts_for_school(school).items()
        ],
        "oldest": selectors.oldest_pending_for_school(school),
        "dead_letters": selectors.dead_letters_for_school(school),
    }
    return render(request, "xapi/outbox.html", context)


def _settle(
    request: HttpRequest,
    service: Callable[..., OutboxStatement],
    statement: OutboxStatement,
) -> bool:
    try:
        service(statement=statement)
    except services.XapiError as error:  # settled meanwhile (another tab)
        messages.info(request, error.message)
        return False
    return True


@login_required
@require_POST
def dead_letter_retry(request: HttpRequest, statement_id: uuid.UUID) -> HttpResponse:
    statement = access_dead_letter(request.user, statement_id)
    if _settle(request, services.retry_dead_letter, statement):
        messages.success(request, _("The statement is back in the outbox."))
    return redirect("xapi_outbox")


@login_required
@require_POST
def dead_letter_discard(request: HttpRequest, statement_id: uuid.UUID) -> HttpResponse:
    statement = access_dead_letter(request.user, statement_id)
    if _settle(request, services.discard_dead_letter, statement):
        messages.success(request, _("The statement was discarded."))
    return redirect("xapi_outbox")
