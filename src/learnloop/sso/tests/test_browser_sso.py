"""In a real browser: the sign-in page's school button, the provider's own sign-in page,
and back into LearnLoop, under the Content-Security-Policy (form-action)."""

from __future__ import annotations

from typing import Any

import pytest

from learnloop.accounts.models import Role, User
from learnloop.schools.models import School
from learnloop.sso import services
from learnloop.sso.models import ProviderKind
from learnloop.sso.tests.conftest import CLIENT_ID, CLIENT_SECRET, PROVIDER_KEY, running_provider
from learnloop.testing.browser import screenshot

pytestmark = pytest.mark.browser


def test_a_rostered_student_signs_in_with_the_schools_provider(
    page: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    redirect = f"{live_server.url}/sso/oidc/{PROVIDER_KEY}/login/callback/"
    with running_provider(redirect) as idp:
        school = School.objects.create(name="Riverside", slug="riverside")
        User.objects.create_user(
            username="ana.s", role=Role.STUDENT, school=school, email="ana@district.example"
        )
        provider = services.save_provider(
            school=school,
            kind=ProviderKind.OPENID_CONNECT,
            key=PROVIDER_KEY,
            label="District account",
            client_id=CLIENT_ID,
            server_url=idp.issuer,
        )
        monkeypatch.setenv(provider.secret_variable, CLIENT_SECRET)
        idp.set_state(
            accounts={"sub-ana": {"email": "ana@district.example", "email_verified": True}}
        )
        violations: list[str] = []
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
        )
        page.goto(f"{live_server.url}/accounts/login/")
        screenshot(page, "sso-sign-in-page")
        page.get_by_role("button", name="Sign in with District account").click()
        page.locator('input[name="login"]').fill("sub-ana")
        page.locator('input[name="password"]').fill("any")
        page.locator('button[type="submit"]').click()
        page.wait_for_url(f"{live_server.url}/")
        assert "Sign in" not in page.title()
        screenshot(page, "sso-signed-in-home")
        assert not violations
