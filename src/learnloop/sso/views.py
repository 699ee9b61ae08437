"""Single sign-on pages: the start of a sign-in, and the office's provider settings.

Thin: access, form, service, render. The refusal page is rendered by the adapter
(learnloop.sso.adapters), in the middle of allauth's callback.
"""

from __future__ import annotations

from allauth.socialaccount.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from learnloop.accounts.site import site_address
from learnloop.schools.access import require_school_office
from learnloop.schools.models import School
from learnloop.sso import providers, selectors, services
from learnloop.sso.access import access_provider_for_office
from learnloop.sso.forms import PolicyForm, ProviderForm
from learnloop.sso.models import SignInProvider


@require_POST
def start(request: HttpRequest, key: str) -> HttpResponse:
    """Send the browser to the provider's sign-in (PKCE and state kept in the session)."""
    provider = SignInProvider.objects.filter(key=key, enabled=True).first()
    if provider is None:
        raise Http404("No such sign-in provider.")
    request.session[providers.CHOSEN_PROVIDER] = provider.pk
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    allauth_provider = get_adapter().get_provider(request, providers.allauth_provider_id(provider))
    return allauth_provider.redirect(request, process="login", next_url=next_url or None)


def _office_context(school: School, form: ProviderForm, policy_form: PolicyForm) -> dict:
    setups = selectors.provider_setups_for_school(school, site_address().origin)
    return {"school": school, "setups": setups, "form": form, "policy_form": policy_form}


def _refused(form: ProviderForm, error: services.SignInError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
def office(request: HttpRequest) -> HttpResponse:
    """The school's providers, the form to add one, and the sign-in policy."""
    _, school = require_school_office(request.user)
    form = ProviderForm(request.POST or None, initial={"enabled": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_provider(school=school, **form.cleaned_data)
        except services.SignInError as error:
            _refused(form, error)
        else:
            messages.success(request, gettext("Sign-in provider saved."))
            return redirect("sso_office")
    policy = selectors.policy_for_school(school)
    policy_form = PolicyForm(initial={"create_students": policy.create_students})
    context = _office_context(school, form, policy_form)
    return render(request, "sso/office.html", context, status=400 if form.errors else 200)


@login_required
def provider_edit(request: HttpRequest, provider_id: int) -> HttpResponse:
    _, school = require_school_office(request.user)
    provider = access_provider_for_office(request.user, provider_id)
    initial = {
        name: getattr(provider, name)
        for name in ProviderForm.base_fields
        if hasattr(provider, name)
    }
    form = ProviderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_provider(school=school, provider=provider, **form.cleaned_data)
        except services.SignInError as error:
            _refused(form, error)
        else:
            messages.success(request, gettext("Sign-in provider saved."))
            return redirect("sso_office")
    context = {"school": school, "provider": provider, "form": form}
    return render(request, "sso/provider_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def provider_remove(request: HttpRequest, provider_id: int) -> HttpResponse:
    _, school = require_school_office(request.user)
    provider = access_provider_for_office(request.user, provider_id)
    services.remove_provider(school=school, provider=provider)
    messages.success(request, gettext("Sign-in provider removed."))
    return redirect("sso_office")


@login_required
@require_POST
def policy(request: HttpRequest) -> HttpResponse:
    _, school = require_school_office(request.user)
    form = PolicyForm(request.POST)
    form.is_valid()
    services.set_sign_in_policy(
        school=school, create_students=bool(form.cleaned_data.get("create_students"))
    )
    messages.success(request, gettext("Sign-in policy saved."))
    return redirect("sso_office")
