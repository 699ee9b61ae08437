from learnloop.sso.models import ProviderKind, SignInProvider
from learnloop.testing.world import World
from learnloop.web.tests.url_access import EVERYONE, Expectation

OFFICE = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()


def provider(
    world: World, kind: str = ProviderKind.OPENID_CONNECT, key: str = ""
) -> SignInProvider:
    """A provider of the world's school (an unreachable issuer: nothing is fetched)."""
    key = key or f"world-{kind.replace('_', '-')}"
    row, _ = SignInProvider.objects.get_or_create(
        key=key,
        defaults={
            "school": world.school,
            "kind": kind,
            "label": "World IdP",
            "client_id": "world-client",
            "server_url": "https://idp.invalid/realms/world",
            "tenant": "00000000-0000-0000-0000-000000000000",
        },
    )
    return row


def _made(kind: str) -> object:
    """No URL arguments; the kind's provider (one per kind: allauth's URLs name none)."""

    def kwargs(world: World) -> dict[str, int]:
        provider(world, kind)
        return {}

    return kwargs


def _fresh_provider(world: World) -> dict[str, int]:
    """A new provider for each try: removing one is what the URL does."""
    return {"provider_id": provider(world, key=f"fresh-{SignInProvider.objects.count()}").pk}


EXPECTATIONS = {
    "sso_office": Expectation(OFFICE),
    "sso_office_policy": Expectation(OFFICE, method="post", data=lambda w: {"create_students": ""}),
    "sso_office_provider_edit": Expectation(
        OFFICE, kwargs=lambda world: {"provider_id": provider(world).pk}
    ),
    "sso_office_provider_remove": Expectation(OFFICE, kwargs=_fresh_provider, method="post"),
    # Anyone may start a sign-in (it sends the browser to the provider) ...
    "sso_start": Expectation(
        EVERYONE, method="post", kwargs=lambda w: {"key": provider(w, ProviderKind.GOOGLE).key}
    ),
    "openid_connect_login": Expectation(
        EVERYONE, kwargs=lambda world: {"provider_id": provider(world).key}
    ),
    "google_login": Expectation(EVERYONE, kwargs=_made("google")),
    "microsoft_login": Expectation(EVERYONE, kwargs=_made("microsoft")),
    # ... but a callback without the state its start kept is refused (401) for everyone.
    "openid_connect_callback": Expectation(
        NOBODY, kwargs=lambda world: {"provider_id": provider(world).key}
    ),
    "google_callback": Expectation(NOBODY, kwargs=_made("google")),
    "microsoft_callback": Expectation(NOBODY, kwargs=_made("microsoft")),
    "socialaccount_login_cancelled": Expectation(EVERYONE),
    # The error page answers 401 (nobody got in); allauth's name for the sign-in page
    # sends everyone to ours.
    "socialaccount_login_error": Expectation(NOBODY),
    "account_login": Expectation(NOBODY),
}
