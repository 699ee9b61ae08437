"""django-allauth, told LearnLoop's rules: apps from the school's providers, secrets from
the environment, and a signed-in identity matched to a rostered person or refused.

Nobody signs up through allauth: a person is found on the roster (by roster id, then
verified e-mail), or created as a student only where the school allows it; anyone else
meets the refusal page (`sso/refused.html`, 403), never allauth's sign-up form.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.http import HttpRequest
from django.shortcuts import render

from learnloop.accounts.models import User
from learnloop.sso import providers, selectors, services
from learnloop.sso.models import ProviderKind, SignInProvider

logger = logging.getLogger(__name__)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class AccountAdapter(DefaultAccountAdapter):
    """No sign-up through allauth; a single sign-on session is a plain Django one."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def login(self, request: HttpRequest, user: Any) -> None:
        # django-axes' backend comes first in AUTHENTICATION_BACKENDS and cannot load a
        # user back from the session; the session must name Django's own.
        user.backend = MODEL_BACKEND
        super().login(request, user)


def chosen_provider(request: HttpRequest, allauth_id: str) -> SignInProvider | None:
    """The provider row a sign-in runs through: by its key (OpenID Connect) or, for Google
    and Microsoft (one allauth id each), the row the sign-in started with."""
    rows = SignInProvider.objects.filter(enabled=True).select_related("school")
    if allauth_id in (ProviderKind.GOOGLE, ProviderKind.MICROSOFT):
        chosen = request.session.get(providers.CHOSEN_PROVIDER) if request else None
        if chosen:
            return rows.filter(kind=allauth_id, pk=chosen).first()
        only = list(rows.filter(kind=allauth_id)[:2])
        return only[0] if len(only) == 1 else None
    return rows.filter(kind=ProviderKind.OPENID_CONNECT, key=allauth_id).first()


def _claims(sociallogin: SocialLogin) -> dict[str, Any]:
    data: Mapping[str, Any] = sociallogin.account.extra_data or {}
    if "userinfo" in data or "id_token" in data:
        id_token, userinfo = data.get("id_token"), data.get("userinfo")
        return {
            **(id_token if isinstance(id_token, Mapping) else {}),
            **(userinfo if isinstance(userinfo, Mapping) else {}),
        }
    return dict(data)


def refused(request: HttpRequest, reason: str, provider: SignInProvider | None) -> Any:
    context = {"reason": reason, "provider": provider}
    return ImmediateHttpResponse(render(request, "sso/refused.html", context, status=403))


class SchoolSocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(
        self, request: HttpRequest, provider: str | None = None, client_id: str | None = None
    ) -> list[SocialApp]:
        rows = selectors.enabled_providers()
        if provider in (ProviderKind.GOOGLE, ProviderKind.MICROSOFT):
            row = chosen_provider(request, provider)
            rows = [row] if row is not None else []
        elif provider:
            rows = [r for r in rows if r.kind == provider or r.key == provider]
        if client_id:
            rows = [r for r in rows if r.client_id == client_id]
        return [providers.social_app(row) for row in rows]

    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return False

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        """Tell the server's log why (the page tells the person only that it failed)."""
        name = getattr(provider, "id", provider)
        logger.warning("single sign-on with %s failed: %s %r", name, error, exception)

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        provider = chosen_provider(request, sociallogin.account.provider)
        if provider is None:
            raise refused(request, "provider", None)
        if sociallogin.is_existing:
            _check_person(request, provider, sociallogin.user)
            return
        claims = _claims(sociallogin)
        emails = [a.email for a in sociallogin.email_addresses if a.verified and a.email]
        match = selectors.person_for_sign_in(
            provider=provider, claims=claims, verified_emails=emails
        )
        person = match.person
        may_create = person is None and not match.ambiguous and bool(emails)
        if may_create and selectors.policy_for_school(provider.school).create_students:
            person = services.create_student_for_sign_in(
                provider=provider, claims=claims, email=emails[0]
            )
        if person is None:
            raise refused(request, "ambiguous" if match.ambiguous else "unknown", provider)
        _check_person(request, provider, person)
        sociallogin.connect(request, person)


def _check_person(request: HttpRequest, provider: SignInProvider, person: User) -> None:
    if person.school_id != provider.school_id:
        raise refused(request, "unknown", provider)
    if not person.is_active:
        raise refused(request, "inactive", provider)
