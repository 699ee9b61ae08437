"""Every claim the tool reads, bent the ways other LMSs bend them: a page saying why, never a 500.

The token is signed by the registered LMS, so each mutation reaches the tool's own claim reading
(not only the signature check). A launch that is accepted is followed to the page it opens.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from learnloop.lti.models import Platform
from learnloop.lti.tests.conftest import launch
from learnloop.lti.tests.platform import LTI, Lms
from learnloop.testing.world import World

AGS = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"

TOP_LEVEL = [
    "sub",
    "given_name",
    "family_name",
    "name",
    "email",
    LTI + "roles",
    LTI + "lis",
    LTI + "context",
    LTI + "resource_link",
    LTI + "custom",
    LTI + "target_link_uri",
    AGS,
    NRPS,
]
ODD_VALUES: list[Any] = [None, 7, "x" * 3000, [], {"id": None}]

NESTED: list[tuple[str, dict[str, Any]]] = [
    ("context without id", {LTI + "context": {"title": "Maths"}}),
    ("context id a number", {LTI + "context": {"id": 12345, "title": ["odd"]}}),
    ("custom activity id not a number", {LTI + "custom": {"activity_id": "seven"}}),
    ("custom activity id negative", {LTI + "custom": {"activity_id": "-3"}}),
    ("custom activity id a list", {LTI + "custom": {"activity_id": [1, 2]}}),
    ("custom class id huge", {LTI + "custom": {"class_id": "9" * 40}}),
    ("lis sourcedid a dict", {LTI + "lis": {"person_sourcedid": {"a": 1}}}),
    ("lis section a number", {LTI + "lis": {"course_section_sourcedid": 42}}),
    ("roles of unknown URIs", {LTI + "roles": ["urn:odd", "http://example.org/#"]}),
    ("ags lineitem not a URL", {AGS: {"scope": ["x"], "lineitem": "not a url"}}),
    ("nrps url a number", {NRPS: {"context_memberships_url": 5}}),
    ("email with no at", {"email": "nobody"}),
    ("names in other scripts", {"given_name": "سارة", "family_name": "李", "name": "Zoë 🙂"}),
]


def _followed(client: Client, response: Any) -> int:
    """The status of the page a launch opens (its redirects followed, inside the site)."""
    hops = 0
    while response.status_code in (301, 302) and hops < 5:
        location = response["Location"]
        if not location.startswith("/"):
            return response.status_code  # leaves the site: nothing more of ours to render
        response = client.get(location)
        hops += 1
    return response.status_code


@pytest.mark.parametrize("claim", TOP_LEVEL)
@pytest.mark.parametrize("value", ODD_VALUES, ids=lambda value: type(value).__name__)
def test_a_bent_claim_never_crashes_a_student_launch(
    world: World, lms: Lms, registration: Platform, claim: str, value: Any
) -> None:
    client = Client(raise_request_exception=False)
    response, _form = launch(client, lms, lms.members[1], extra={claim: value})
    assert response.status_code < 500, (claim, value)
    assert _followed(client, response) < 500, (claim, value)


@pytest.mark.parametrize(("case", "extra"), NESTED, ids=[case for case, _ in NESTED])
@pytest.mark.parametrize("member", [0, 1], ids=["teacher", "student"])
def test_a_bent_nested_claim_never_crashes_a_launch(
    world: World, lms: Lms, registration: Platform, case: str, extra: dict[str, Any], member: int
) -> None:
    client = Client(raise_request_exception=False)
    response, _form = launch(client, lms, lms.members[member], extra=extra)
    assert response.status_code < 500, case
    assert _followed(client, response) < 500, case
