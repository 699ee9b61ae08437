"""Who may open the LTI URLs.

The OIDC login and the launch are the LMS's cross-site form posts (csrf-exempt by
design, docs/integrations.md): anyone may start a login for a registered LMS, and no
one gets past the launch without a token the LMS signed (tested end to end in
test_end_to_end.py), so here every role is refused. The picker needs a deep-linking
launch in the session. The key set is public.
"""

from __future__ import annotations

from learnloop.lti.models import Platform
from learnloop.lti.services import save_platform
from learnloop.testing.world import World
from learnloop.web.tests.url_access import EVERYONE, Expectation

OFFICE = frozenset({"admin"})
NOBODY: frozenset[str] = frozenset()


def registered(world: World) -> Platform:
    """A registration of the world's school, new for each try (a POST may remove it)."""
    n = Platform.objects.count()
    return save_platform(
        school=world.school,
        platform=Platform(
            name=f"LMS {n}",
            issuer=f"https://lms{n}.example.org",
            client_id="tool",
            key_set_url=f"https://lms{n}.example.org/jwks",
            auth_login_url=f"https://lms{n}.example.org/authorize",
            auth_token_url=f"https://lms{n}.example.org/token",
        ),
        deployment_ids=["1"],
    )


def _login_initiation(world: World) -> dict[str, str]:
    platform = registered(world)
    return {
        "iss": platform.issuer,
        "client_id": platform.client_id,
        "target_link_uri": "http://testserver/lti/launch/",
        "login_hint": "someone",
    }


EXPECTATIONS: dict[str, Expectation] = {
    "lti_login": Expectation(EVERYONE, method="post", data=_login_initiation),
    "lti_launch": Expectation(NOBODY, method="post"),
    "lti_jwks": Expectation(EVERYONE),
    "lti_deep_link": Expectation(NOBODY),
    "lti_office_platforms": Expectation(OFFICE),
    "lti_office_platform_edit": Expectation(
        OFFICE, kwargs=lambda world: {"platform_id": registered(world).pk}
    ),
    "lti_office_platform_remove": Expectation(
        OFFICE, kwargs=lambda world: {"platform_id": registered(world).pk}, method="post"
    ),
}
