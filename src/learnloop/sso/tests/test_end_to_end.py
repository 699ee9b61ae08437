"""Sign-ins end to end against a real OpenID Connect provider (tests/oidc/provider.mjs).

The Django test client is LearnLoop's side; a requests session is the browser on the
provider's side (its sign-in form); allauth talks to the provider itself (discovery,
token endpoint with the PKCE verifier, JWKS, userinfo) over real HTTP on 127.0.0.1.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.urls import reverse

from learnloop.accounts.models import Role, User
from learnloop.schools.models import RosterChange, RosterIdentifier, School
from learnloop.sso import services
from learnloop.sso.models import ProviderKind, SignInProvider
from learnloop.sso.tests.conftest import CLIENT_ID, CLIENT_SECRET, PROVIDER_KEY, OidcProvider

pytestmark = pytest.mark.django_db

ANA = {"email": "ana@district.example", "email_verified": True, "given_name": "Ana"}


@pytest.fixture
def school() -> School:
    return School.objects.create(name="Riverside", slug="riverside")


@pytest.fixture
def provider(
    school: School, oidc_provider: OidcProvider, monkeypatch: pytest.MonkeyPatch
) -> SignInProvider:
    row = services.save_provider(
        school=school,
        kind=ProviderKind.OPENID_CONNECT,
        key=PROVIDER_KEY,
        label="District account",
        client_id=CLIENT_ID,
        server_url=oidc_provider.issuer,
        roster_id_claim="employee_id",
    )
    monkeypatch.setenv(row.secret_variable, CLIENT_SECRET)
    oidc_provider.set_state()
    return row


def student(school: School, username: str = "ana.s", **fields: object) -> User:
    return User.objects.create_user(username=username, role=Role.STUDENT, school=school, **fields)


def authorization_redirect(client: Client) -> str:
    response = client.post(reverse("sso_start", args=[PROVIDER_KEY]))
    assert response.status_code == 302
    return response["Location"]


def sign_in(client: Client, account: str) -> object:
    """Start at LearnLoop, sign in on the provider's page, come back with the code."""
    location = authorization_redirect(client)
    with requests.Session() as browser:
        browser.trust_env = False
        while not location.startswith("http://testserver/"):
            page = browser.get(location, allow_redirects=False, timeout=10)
            if page.status_code == 200 and "/interaction/" in location:
                page = browser.post(
                    location,
                    data={"prompt": "login", "login": account, "password": "any"},
                    allow_redirects=False,
                    timeout=10,
                )
            assert page.status_code in (302, 303), page.text[:500]
            location = requests.compat.urljoin(location, page.headers["Location"])
    callback = urlsplit(location)
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_as(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_discovery_and_the_authorization_request_use_the_code_flow_with_pkce(
    provider: SignInProvider, oidc_provider: OidcProvider
) -> None:
    discovery = requests.get(f"{oidc_provider.issuer}/.well-known/openid-configuration").json()
    assert discovery["issuer"] == oidc_provider.issuer
    location = authorization_redirect(Client())
    query = parse_qs(urlsplit(location).query)
    assert location.startswith(discovery["authorization_endpoint"])
    assert query["response_type"] == ["code"]
    assert query["client_id"] == [CLIENT_ID]
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43
    assert query["redirect_uri"] == [f"http://testserver/sso/oidc/{PROVIDER_KEY}/login/callback/"]


def test_a_rostered_student_is_matched_by_verified_email_and_signed_in(
    provider: SignInProvider, oidc_provider: OidcProvider, school: School
) -> None:
    ana = student(school, email="Ana@District.example")
    oidc_provider.set_state(accounts={"sub-ana": ANA})
    client = Client()
    response = sign_in(client, "sub-ana")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert signed_in_as(client) == ana.pk
    link = SocialAccount.objects.get(user=ana)
    assert (link.provider, link.uid) == (PROVIDER_KEY, "sub-ana")
    # The second time, the link finds her (no e-mail needed).
    oidc_provider.set_state(accounts={"sub-ana": {}})
    again = Client()
    assert sign_in(again, "sub-ana").status_code == 302
    assert signed_in_as(again) == ana.pk


def test_a_rostered_student_is_matched_by_the_roster_id(
    provider: SignInProvider, oidc_provider: OidcProvider, school: School
) -> None:
    by_master = student(school, "ben.s")
    RosterIdentifier.objects.create(person=by_master, master_identifier="MI-42")
    by_sourced = student(school, "cai.s", sourced_id="u-s3")
    unverified = {"email": "nobody@district.example", "email_verified": False}
    oidc_provider.set_state(
        accounts={
            "sub-ben": {"employee_id": "MI-42", **unverified},
            "sub-cai": {"employee_id": "u-s3"},
        }
    )
    for account, person in (("sub-ben", by_master), ("sub-cai", by_sourced)):
        client = Client()
        assert sign_in(client, account).status_code == 302
        assert signed_in_as(client) == person.pk


def test_an_unknown_person_is_refused_with_a_clear_page_and_nothing_is_created(
    provider: SignInProvider, oidc_provider: OidcProvider, school: School
) -> None:
    oidc_provider.set_state(
        accounts={"sub-zoe": {"email": "zoe@x.example", "email_verified": True}}
    )
    people = User.objects.count()
    client = Client()
    response = sign_in(client, "sub-zoe")
    assert response.status_code == 403
    page = response.content.decode()
    assert "We could not sign you in" in page and "has not put you on its roster" in page
    assert signed_in_as(client) is None
    assert User.objects.count() == people and not SocialAccount.objects.exists()


def test_an_unverified_email_never_matches(
    provider: SignInProvider, oidc_provider: OidcProvider, school: School
) -> None:
    student(school, email="ana@district.example")
    oidc_provider.set_state(accounts={"sub-x": {**ANA, "email_verified": False}})
    client = Client()
    assert sign_in(client, "sub-x").status_code == 403
    assert signed_in_as(client) is None


def test_a_school_that_allows_it_gets_a_new_student_on_first_sign_in(
    provider: SignInProvider, oidc_provider: OidcProvider, school: School
) -> None:
    services.set_sign_in_policy(school=school, create_students=True)
    oidc_provider.set_state(
        accounts={"sub-new": {**ANA, "email": "dee@district.example", "family_name": "Park"}}
    )
    client = Client()
    assert sign_in(client, "sub-new").status_code == 302
    created = User.objects.get(email="dee@district.example")
    assert (created.role, created.school, created.username) == (Role.STUDENT, school, "ana.park")
    assert not created.has_usable_password()
    assert signed_in_as(client) == created.pk
    assert RosterChange.objects.filter(person=created, action="created").exists()


def test_a_deactivated_person_is_refused(
    provider: SignInProvider, oidc_provider: OidcProvider, school: School
) -> None:
    student(school, email="ana@district.example", is_active=False)
    oidc_provider.set_state(accounts={"sub-ana": ANA})
    client = Client()
    response = sign_in(client, "sub-ana")
    assert response.status_code == 403 and "switched off" in response.content.decode()
    assert signed_in_as(client) is None


def test_another_schools_person_is_never_matched(
    provider: SignInProvider, oidc_provider: OidcProvider
) -> None:
    other = School.objects.create(name="Hillcrest", slug="hillcrest")
    student(other, email="ana@district.example")
    oidc_provider.set_state(accounts={"sub-ana": ANA})
    client = Client()
    assert sign_in(client, "sub-ana").status_code == 403
    assert signed_in_as(client) is None


@pytest.mark.parametrize("mode", ["wrong-audience", "expired", "forged"])
def test_an_id_token_with_a_wrong_audience_an_expiry_past_or_a_bad_signature_is_refused(
    provider: SignInProvider, oidc_provider: OidcProvider, school: School, mode: str
) -> None:
    student(school, email="ana@district.example")
    oidc_provider.set_state(mode=mode, accounts={"sub-ana": ANA})
    client = Client()
    response = sign_in(client, "sub-ana")
    assert response.status_code == 401
    assert "Sign-in failed" in response.content.decode()
    assert signed_in_as(client) is None
    assert not SocialAccount.objects.exists()
