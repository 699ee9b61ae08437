"""allauth's OpenID Connect views, with the ID token's signature always checked.

allauth skips the signature of an ID token it fetched itself from the token endpoint
(OpenID Connect Core 3.1.3.7 allows it over TLS). LearnLoop checks it anyway against
the provider's published keys (JWKS), with the issuer, audience and expiry: a school's
provider may be reached over plain HTTP inside a district, and a check costs one
cached key fetch. Mounted under the URL names allauth reverses.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpRequest, HttpResponse

# Asymmetric only: a token must never be "signed" with a shared secret or with nothing.
ALGORITHMS = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}


def _lookup_signing_key(keys_data: dict[str, Any], kid: str) -> Any:
    for key in keys_data.get("keys", []):
        if key.get("kid") == kid and key.get("alg", "RS256") not in ALGORITHMS:
            return None
    return jwtkit.lookup_kid_jwk(keys_data, kid)


class SignatureCheckingAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app: SocialApp, id_token: str) -> dict[str, Any]:
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=_lookup_signing_key,
            verify_signature=True,
        )


@login_not_required
def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2LoginView.adapter_view(SignatureCheckingAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404("No such sign-in provider.") from None


@login_not_required
def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    try:
        view = OAuth2CallbackView.adapter_view(SignatureCheckingAdapter(request, provider_id))
        return view(request)
    except SocialApp.DoesNotExist:
        raise Http404("No such sign-in provider.") from None


def or_404(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Google's and Microsoft's allauth views, answering 404 where no school set one up."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist:
            raise Http404("No such sign-in provider.") from None

    return wrapped
