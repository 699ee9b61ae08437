"""CSP form-action: a sign-in button's form may lead to its provider, on those pages only.

A browser applies form-action to where a form submission ends up, redirects included;
the sign-in page's buttons post to LearnLoop, which redirects to the provider's
authorization endpoint. Every other page keeps form-action 'self'.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from learnloop.sso.providers import authorization_origin
from learnloop.sso.selectors import enabled_providers

SIGN_IN_PAGES = {"login", "openid_connect_login", "google_login", "microsoft_login"}


class ProviderFormActionMiddleware:
    """Sits inside django-csp's middleware, which reads `_csp_update` from the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = request.resolver_match
        if match is None or match.url_name not in SIGN_IN_PAGES:
            return response
        origins = sorted({authorization_origin(p) for p in enabled_providers()})
        if origins:
            response._csp_update = {"form-action": origins}  # type: ignore[attr-defined]
        return response
