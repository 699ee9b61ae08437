"""The school office registers an LMS; the pages refuse bad input by field, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from learnloop.lti.models import Platform
from learnloop.testing.world import World

VALID = {
    "name": "District Canvas",
    "issuer": "https://canvas.instructure.com",
    "client_id": "10000000000001",
    "key_set_url": "https://sso.canvaslms.com/api/lti/security/jwks",
    "auth_login_url": "https://sso.canvaslms.com/api/lti/authorize_redirect",
    "auth_token_url": "https://sso.canvaslms.com/login/oauth2/token",
    "auth_audience": "",
    "score_kind": "completion",
    "deployment_ids": "12:abc\n13:def",
}


def _office(world: World) -> Client:
    client = Client()
    client.force_login(world.admin)
    return client


def test_an_admin_registers_and_changes_a_platform(world: World) -> None:
    client = _office(world)
    page = client.get("/school/lti/")
    assert page.status_code == 200
    assert "http://testserver/lti/jwks/" in page.content.decode()
    assert client.post("/school/lti/", VALID).status_code == 302
    platform = Platform.objects.get()
    assert platform.school == world.school
    assert sorted(platform.deployments.values_list("deployment_id", flat=True)) == [
        "12:abc",
        "13:def",
    ]
    changed = {**VALID, "deployment_ids": "13:def", "create_people": "on"}
    assert client.post(f"/school/lti/{platform.pk}/", changed).status_code == 302
    platform.refresh_from_db()
    assert platform.create_people
    assert list(platform.deployments.values_list("deployment_id", flat=True)) == ["13:def"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"issuer": "not a url"}, "issuer"),
        ({"deployment_ids": " \n "}, "deployment_ids"),
        ({"deployment_ids": "x" * 300}, "deployment_ids"),
        ({"score_kind": "points"}, "score_kind"),
    ],
)
def test_bad_registration_input_is_refused_by_field(
    world: World, change: dict[str, str], field: str
) -> None:
    response = _office(world).post("/school/lti/", {**VALID, **change})
    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_the_same_issuer_and_client_cannot_be_registered_twice(world: World) -> None:
    client = _office(world)
    client.post("/school/lti/", VALID)
    again = client.post("/school/lti/", {**VALID, "name": "Again"})
    assert again.status_code == 400
    assert "already" in str(again.context["form"].errors)


def test_another_schools_admin_cannot_open_a_platform(world: World) -> None:
    _office(world).post("/school/lti/", VALID)
    platform = Platform.objects.get()
    foreign = Client()
    foreign.force_login(world.foreign_admin)
    assert foreign.get(f"/school/lti/{platform.pk}/").status_code == 403
    assert foreign.post(f"/school/lti/{platform.pk}/remove/").status_code == 403


def test_the_platform_list_reads_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: object
) -> None:
    client = _office(world)
    for size in (1, 6):
        while Platform.objects.count() < size:
            n = Platform.objects.count()
            client.post("/school/lti/", {**VALID, "client_id": f"client-{n}"})
        with django_assert_max_num_queries(12):  # type: ignore[operator]
            assert client.get("/school/lti/").status_code == 200
