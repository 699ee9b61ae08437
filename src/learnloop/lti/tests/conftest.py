"""An independent LMS on 127.0.0.1 (platform.py) registered for the test world's school."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from learnloop.lti.models import Platform
from learnloop.lti.services import save_platform
from learnloop.lti.tests.platform import INSTRUCTOR, LEARNER, Lms, Member, RunningPlatform
from learnloop.testing.world import World

LAUNCH_URL = "http://testserver/lti/launch/"


@pytest.fixture
def lms(world: World) -> Iterator[Lms]:
    world.classroom.sourced_id = "section-math-a"
    world.classroom.save(update_fields=["sourced_id"])
    platform = Lms(
        section_sourced_id="section-math-a",
        members=[
            Member("lms-t-1", "Tina", "Teacher", world.teacher.email, [INSTRUCTOR]),
            Member("lms-s-1", "Sam", "Student", world.student.email, [LEARNER]),
        ],
    )
    with RunningPlatform(platform) as running:
        yield running


@pytest.fixture
def registration(world: World, lms: Lms) -> Platform:
    urls = lms.urls
    return save_platform(
        school=world.school,
        platform=Platform(
            name="Test LMS",
            issuer=lms.issuer,
            client_id=lms.client_id,
            key_set_url=urls["key_set_url"],
            auth_login_url=urls["auth_login_url"],
            auth_token_url=urls["auth_token_url"],
        ),
        deployment_ids=[lms.deployment_id],
    )


def trust_tool(client: Client, lms: Lms) -> None:
    """The LMS reads the tool's published key set, as an admin's set-up would."""
    lms.tool_key_set = client.get("/lti/jwks/").json()


def start_login(client: Client, lms: Lms, member: Member) -> dict[str, str]:
    """The LMS's login initiation through the tool: the tool's OIDC auth request."""
    response = client.post("/lti/login/", lms.login_initiation(member, LAUNCH_URL))
    assert response.status_code == 302, response.content
    location = response["Location"]
    assert location.startswith(lms.urls["auth_login_url"] + "?")
    return {name: values[0] for name, values in parse_qs(urlparse(location).query).items()}


def launch(client: Client, lms: Lms, member: Member, **claims: object) -> tuple:
    """Login initiation, the platform's auth answer, and the form post to the tool."""
    query = start_login(client, lms, member)
    redirect_uri, form = lms.authorize(query, **claims)
    assert redirect_uri == LAUNCH_URL
    return client.post(urlparse(redirect_uri).path, form), form
