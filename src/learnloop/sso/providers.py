"""A school's provider rows as django-allauth apps, built in memory, secrets from the env.

allauth asks its adapter for "apps" (client id, secret, settings); ours builds them from
`SignInProvider` rows (learnloop.sso.adapters.SchoolSocialAccountAdapter.list_apps), so
nothing of allauth's own app table is used and no secret is ever written to the database.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from allauth.socialaccount.models import SocialApp

from learnloop.sso.models import ProviderKind, SignInProvider

# Where each kind sends the browser to sign in: the page's CSP form-action allows it.
AUTHORIZATION_ORIGINS = {
    ProviderKind.GOOGLE: "https://accounts.google.com",
    ProviderKind.MICROSOFT: "https://login.microsoftonline.com",
}
# The session key naming the provider row a sign-in started with.
CHOSEN_PROVIDER = "sso_provider"


def client_secret(provider: SignInProvider) -> str:
    return os.environ.get(provider.secret_variable, "")


def social_app(provider: SignInProvider) -> SocialApp:
    """The unsaved allauth app for one provider row; PKCE always on."""
    settings: dict[str, object] = {"oauth_pkce_enabled": True, "learnloop_pk": provider.pk}
    if provider.kind == ProviderKind.OPENID_CONNECT:
        settings["server_url"] = provider.server_url
    if provider.kind == ProviderKind.MICROSOFT:
        settings["tenant"] = provider.tenant
    return SocialApp(
        provider=provider.kind,
        provider_id=provider.key if provider.kind == ProviderKind.OPENID_CONNECT else "",
        name=provider.label,
        client_id=provider.client_id,
        secret=client_secret(provider),
        settings=settings,
    )


def authorization_origin(provider: SignInProvider) -> str:
    """The origin of the page the browser is sent to (an OIDC issuer's, for others)."""
    if provider.kind in AUTHORIZATION_ORIGINS:
        return AUTHORIZATION_ORIGINS[ProviderKind(provider.kind)]
    parts = urlsplit(provider.server_url)
    return f"{parts.scheme}://{parts.netloc}"


def allauth_provider_id(provider: SignInProvider) -> str:
    """What allauth calls the provider (and stores on the linked account)."""
    return provider.key if provider.kind == ProviderKind.OPENID_CONNECT else provider.kind
