"""Every page carries a Content-Security-Policy; signed-in pages are never cached;
an oversized request is refused from its Content-Length before the body is read."""

from __future__ import annotations

import io

import pytest
from django.test import Client, override_settings

from learnloop.accounts.models import User
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def policy(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]  # type: ignore[index]
    directives = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/password/reset/", "/no-such"])
def test_pages_for_everyone_carry_a_strict_policy(db: None, url: str) -> None:
    response = Client().get(url)
    csp = policy(response)
    assert csp["script-src"] == ["'self'"], "no inline or foreign script runs"
    assert csp["style-src-elem"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"] and csp["base-uri"] == ["'self'"]


@pytest.mark.parametrize("role", ["student", "teacher", "guardian", "admin"])
def test_signed_in_pages_are_not_stored_by_the_browser(world: World, role: str) -> None:
    client = Client()
    client.force_login(world.user(role))
    response = client.get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert "Content-Security-Policy" in response


def test_signed_in_downloads_are_not_stored_either(world: World) -> None:
    client = Client()
    client.force_login(world.teacher)
    response = client.get(f"/gradebook/classes/{world.classroom.pk}/gradebook.csv")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_admin_carries_the_policy_and_no_store(world: World) -> None:
    client = Client()  # the Django admin is for superusers only
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw-root-1"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert "no-store" in response["Cache-Control"]


def test_no_page_template_has_inline_script_or_style_blocks() -> None:
    from pathlib import Path

    import learnloop

    root = Path(learnloop.__file__).parent
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        text = template.read_text()
        for marker in (
            "<script>",
            "<script type=",
            "<style",
            " onclick=",
            " onload=",
            " onsubmit=",
        ):
            if marker in text:
                offenders.append(f"{template.relative_to(root)}: {marker}")
    assert offenders == []


class ExplodingBody(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: object) -> int:
        raise AssertionError("the body was read")


@override_settings(LEARNLOOP_MAX_REQUEST_MB=1)
def test_a_large_content_length_is_refused_before_the_body_is_read(world: World) -> None:
    client = Client()
    client.force_login(world.student)
    environ = {
        "CONTENT_LENGTH": str(50 * 1024 * 1024),
        "CONTENT_TYPE": "multipart/form-data; boundary=x",
        "wsgi.input": ExplodingBody(),
    }
    response = client.generic("POST", "/portfolio/new/", b"", **environ)
    assert response.status_code == 413
    body = response.content.decode()
    assert "at most 1 MB" in body and "Choose a smaller file" in body


@override_settings(LEARNLOOP_MAX_REQUEST_MB=1)
def test_the_api_gets_its_refusal_as_json(world: World) -> None:
    response = Client().generic(
        "POST",
        "/api/anything/",
        b"",
        CONTENT_LENGTH=str(2 * 1024 * 1024),
        CONTENT_TYPE="application/json",
    )
    assert response.status_code == 413
    assert response.json()["error"] == "request_too_large"
    assert response.json()["limit_bytes"] == 1024 * 1024


@override_settings(LEARNLOOP_MAX_REQUEST_MB=1)
def test_a_request_under_the_cap_goes_through(world: World) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "x", "password": "y" * 1000})
    assert response.status_code == 200
