"""What the LTI endpoints do with odd requests: a page saying why, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from learnloop.content.models import Activity, Status
from learnloop.content.tests.factories import make_activity
from learnloop.lti.models import Platform
from learnloop.lti.tests.conftest import launch
from learnloop.lti.tests.platform import LTI, Lms
from learnloop.testing.world import World


def test_a_launch_without_a_token_is_refused(db: None) -> None:
    client = Client()
    assert client.post("/lti/launch/", {"id_token": "a.b.c", "state": "x"}).status_code == 403
    assert client.post("/lti/launch/").status_code == 403
    assert client.get("/lti/launch/").status_code == 405


def test_a_login_from_an_unknown_lms_is_refused(db: None) -> None:
    response = Client().post(
        "/lti/login/", {"iss": "https://unknown.example.org", "login_hint": "x"}
    )
    assert response.status_code == 400
    assert "refused" in response.content.decode()


@pytest.mark.parametrize(
    "extra",
    [
        {LTI + "context": "not an object"},
        {LTI + "roles": "Learner"},
        {LTI + "lis": ["odd"]},
        {LTI + "custom": {"activity_id": "99999999999999999999"}},
        {"https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {"scope": "x"}},
    ],
)
def test_odd_claims_in_a_signed_token_never_crash(
    world: World, lms: Lms, registration: Platform, extra: dict[str, object]
) -> None:
    response, _form = launch(Client(), lms, lms.members[1], extra=extra)
    assert response.status_code in (302, 403)


def test_a_mentor_is_refused(world: World, lms: Lms, registration: Platform) -> None:
    mentor = lms.members[1]
    mentor.roles = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"]
    response, _form = launch(Client(), lms, mentor)
    assert response.status_code == 403


def test_only_a_teacher_deep_links(world: World, lms: Lms, registration: Platform) -> None:
    response, _form = launch(Client(), lms, lms.members[1], message_type="LtiDeepLinkingRequest")
    assert response.status_code == 403
    teacher = Client()
    teacher.force_login(world.teacher)
    assert teacher.get("/lti/deep-link/").status_code == 403  # no deep-linking launch


def test_one_activity_when_the_lms_takes_one(
    world: World, lms: Lms, registration: Platform
) -> None:
    activities = [make_activity(world.teacher) for _ in range(2)]
    Activity.objects.filter(pk__in=[a.pk for a in activities]).update(status=Status.PUBLISHED)
    settings = {
        "deep_link_return_url": f"{lms.base_url}/deep-link-return",
        "accept_types": ["ltiResourceLink"],
        "accept_presentation_document_targets": ["window"],
        "accept_multiple": False,
    }
    teacher = Client()
    launch(
        teacher,
        lms,
        lms.members[0],
        message_type="LtiDeepLinkingRequest",
        extra={"https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": settings},
    )
    both = teacher.post("/lti/deep-link/", {"activity": [a.pk for a in activities]})
    assert both.status_code == 400
    assert teacher.post("/lti/deep-link/", {"activity": ["nope"]}).status_code == 400
    one = teacher.post("/lti/deep-link/", {"activity": [activities[0].pk]})
    assert one.status_code == 200
