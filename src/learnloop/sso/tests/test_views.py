"""The office's sign-in page, the sign-in page's buttons and its CSP, the start of a
sign-in with Google and Microsoft; passwords keep working beside single sign-on."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.sso import services
from learnloop.sso.models import ProviderKind, SchoolSignInPolicy, SignInProvider
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def add(world: World, kind: str = ProviderKind.GOOGLE, **fields: str) -> SignInProvider:
    values = {"key": f"riverside-{kind}", "label": "Riverside Google", "client_id": "g-123"}
    return services.save_provider(school=world.school, kind=kind, **(values | fields))


def office(world: World) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


def form_action(response: object) -> str:
    policy = response["Content-Security-Policy"]  # type: ignore[index]
    return next(d for d in policy.split(";") if d.strip().startswith("form-action"))


def test_the_office_adds_a_provider_and_the_page_names_its_redirect_and_secret_variable(
    world: World,
) -> None:
    client = office(world)
    data = {
        "kind": ProviderKind.OPENID_CONNECT,
        "label": "District account",
        "key": "district",
        "client_id": "learnloop",
        "server_url": "https://login.district.example/realms/k12",
        "roster_id_claim": "employee_id",
        "enabled": "on",
    }
    assert client.post(reverse("sso_office"), data).status_code == 302
    provider = SignInProvider.objects.get(key="district")
    assert (provider.school, provider.enabled) == (world.school, True)
    page = client.get(reverse("sso_office")).content.decode()
    assert "LEARNLOOP_SSO_DISTRICT_SECRET" in page and "(not set on this server)" in page
    assert "/sso/oidc/district/login/callback/" in page


def test_the_office_page_says_when_the_secret_is_set(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    add(world)
    monkeypatch.setenv("LEARNLOOP_SSO_RIVERSIDE_GOOGLE_SECRET", "s")
    page = office(world).get(reverse("sso_office")).content.decode()
    assert "(set)" in page and "/sso/google/login/callback/" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "openid_connect", "server_url": ""}, "server_url"),
        ({"kind": "microsoft", "tenant": "common"}, "tenant"),
        ({"kind": "microsoft", "tenant": ""}, "tenant"),
        ({"kind": "google", "key": "taken"}, "key"),
    ],
)
def test_the_office_is_told_what_is_wrong(world: World, data: dict, field: str) -> None:
    add(world, key="taken")
    form = {"label": "X", "key": "new", "client_id": "c"} | data
    response = office(world).post(reverse("sso_office"), form)
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_another_schools_admin_cannot_change_or_remove_a_provider(world: World) -> None:
    provider = add(world)
    client = Client()
    client.force_login(world.foreign_admin)
    edit = reverse("sso_office_provider_edit", args=[provider.pk])
    assert client.get(edit).status_code == 403
    remove = reverse("sso_office_provider_remove", args=[provider.pk])
    assert client.post(remove).status_code == 403
    assert SignInProvider.objects.filter(pk=provider.pk).exists()


def test_the_office_changes_removes_and_sets_the_policy(world: World) -> None:
    provider = add(world)
    client = office(world)
    edit = reverse("sso_office_provider_edit", args=[provider.pk])
    data = {"kind": "google", "label": "Google", "key": provider.key, "client_id": "g-9"}
    assert client.post(edit, data).status_code == 302
    provider.refresh_from_db()
    assert (provider.client_id, provider.enabled) == ("g-9", False)
    client.post(reverse("sso_office_policy"), {"create_students": "on"})
    assert SchoolSignInPolicy.objects.get(school=world.school).create_students
    client.post(reverse("sso_office_provider_remove", args=[provider.pk]))
    assert not SignInProvider.objects.exists()


def test_the_sign_in_page_shows_the_buttons_and_lets_forms_reach_only_those_providers(
    world: World,
) -> None:
    add(world)
    add(world, ProviderKind.OPENID_CONNECT, key="district", server_url="https://idp.example/k12")
    add(world, ProviderKind.MICROSOFT, key="ms", tenant="contoso-tenant-id")
    SignInProvider.objects.filter(key="ms").update(enabled=False)
    response = Client().get(reverse("login"))
    page = response.content.decode()
    assert "Sign in with Riverside Google" in page
    assert reverse("sso_start", args=["district"]) in page
    assert reverse("sso_start", args=["ms"]) not in page
    allowed = form_action(response)
    assert "https://accounts.google.com" in allowed and "https://idp.example" in allowed
    assert "login.microsoftonline.com" not in allowed
    # Every other page keeps form-action 'self' alone.
    home = Client()
    home.force_login(world.student)
    assert form_action(home.get(reverse("home"))).split() == ["form-action", "'self'"]


def test_without_providers_the_sign_in_page_is_as_before(world: World) -> None:
    response = Client().get(reverse("login"))
    assert "school account" not in response.content.decode()
    assert form_action(response).split() == ["form-action", "'self'"]


def test_a_google_sign_in_starts_with_pkce_and_the_schools_client_id(world: World) -> None:
    provider = add(world)
    response = Client().post(reverse("sso_start", args=[provider.key]), {"next": "/goals/"})
    location = response["Location"]
    assert location.startswith("https://accounts.google.com/o/oauth2/v2/auth?")
    query = parse_qs(urlsplit(location).query)
    assert query["client_id"] == ["g-123"]
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://testserver/sso/google/login/callback/"]


def test_a_microsoft_sign_in_goes_to_the_schools_own_directory(world: World) -> None:
    provider = add(world, ProviderKind.MICROSOFT, key="ms", tenant="contoso-tenant-id")
    response = Client().post(reverse("sso_start", args=[provider.key]))
    assert response["Location"].startswith(
        "https://login.microsoftonline.com/contoso-tenant-id/oauth2/v2.0/authorize?"
    )


def test_a_disabled_or_unknown_provider_cannot_be_started(world: World) -> None:
    provider = add(world)
    SignInProvider.objects.filter(pk=provider.pk).update(enabled=False)
    assert Client().post(reverse("sso_start", args=[provider.key])).status_code == 404
    assert Client().post(reverse("sso_start", args=["nope"])).status_code == 404
    assert Client().get(reverse("google_login")).status_code == 404


def test_password_sign_in_still_works_beside_single_sign_on(world: World) -> None:
    add(world)
    world.student.set_password("correct horse battery")
    world.student.save(update_fields=["password"])
    client = Client()
    response = client.post(
        reverse("login"), {"username": world.student.username, "password": "correct horse battery"}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == world.student.pk
