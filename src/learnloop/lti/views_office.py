"""The school office's LTI page: register an LMS, see the tool's URLs to give it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learnloop.lti import selectors, services
from learnloop.lti.access import access_platform_for_office
from learnloop.lti.forms import PlatformForm
from learnloop.lti.models import Platform
from learnloop.schools.access import require_school_office


def _tool_urls(request: HttpRequest) -> list[tuple[str, str]]:
    return [
        (_("OIDC login initiation URL"), request.build_absolute_uri(reverse("lti_login"))),
        (
            _("Launch (redirect, target link and deep-linking) URL"),
            request.build_absolute_uri(reverse("lti_launch")),
        ),
        (_("Public key set (JWKS) URL"), request.build_absolute_uri(reverse("lti_jwks"))),
    ]


def _save(request: HttpRequest, form: PlatformForm, school: object) -> Platform | None:
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return services.save_platform(
            school=school,  # type: ignore[arg-type]
            platform=form.save(commit=False),
            deployment_ids=form.cleaned_data["deployment_ids"],
        )
    except services.PlatformError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


@login_required
def platforms(request: HttpRequest) -> HttpResponse:
    _user, school = require_school_office(request.user)
    form = PlatformForm(request.POST or None)
    saved = _save(request, form, school)
    if saved is not None:
        messages.success(request, _("Registered %s.") % saved.name)
        return redirect("lti_office_platforms")
    context = {
        "school": school,
        "form": form,
        "platforms": selectors.platforms_for_school(school),
        "tool_urls": _tool_urls(request),
    }
    return render(request, "lti/office_platforms.html", context, status=400 if form.errors else 200)


@login_required
def platform_edit(request: HttpRequest, platform_id: int) -> HttpResponse:
    platform = access_platform_for_office(request.user, platform_id)
    _user, school = require_school_office(request.user)
    form = PlatformForm(request.POST or None, instance=platform)
    saved = _save(request, form, school)
    if saved is not None:
        messages.success(request, _("Saved %s.") % saved.name)
        return redirect("lti_office_platforms")
    context = {"platform": platform, "form": form}
    status = 400 if form.errors else 200
    return render(request, "lti/office_platform_edit.html", context, status=status)


@login_required
@require_POST
def platform_remove(request: HttpRequest, platform_id: int) -> HttpResponse:
    platform = access_platform_for_office(request.user, platform_id)
    _user, school = require_school_office(request.user)
    services.remove_platform(school=school, platform=platform)
    messages.success(request, _("Removed %s.") % platform.name)
    return redirect("lti_office_platforms")
