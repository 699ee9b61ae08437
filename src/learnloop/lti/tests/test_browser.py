"""The LTI journey in a real browser: the office registers the LMS; in the LMS a teacher
adds an activity by deep linking; a student opens it. Every cross-site step is the
LMS's own auto-posting page, so the browser carries the cookies as it would."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.content.models import Activity, Item, Status
from learnloop.content.tests.factories import make_activity
from learnloop.lti.tests.platform import INSTRUCTOR, LEARNER, Lms, Member, RunningPlatform
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def test_register_deep_link_and_launch_in_a_browser(page: Any, live_server: Any) -> None:
    world = build_world()
    world.classroom.sourced_id = "section-math-a"
    world.classroom.save(update_fields=["sourced_id"])
    activity = make_activity(world.teacher)
    Activity.objects.filter(pk=activity.pk).update(status=Status.PUBLISHED, title="Unit prices")
    Item.objects.filter(entries__activity=activity).update(status=Status.PUBLISHED)
    lms = Lms(
        section_sourced_id="section-math-a",
        tool_url=live_server.url,
        members=[
            Member("t-1", "Tina", "Teacher", world.teacher.email, [INSTRUCTOR]),
            Member("s-1", "Sam", "Student", world.student.email, [LEARNER]),
        ],
    )
    with RunningPlatform(lms):
        sign_in(page, live_server.url, world.admin.username)
        page.get_by_role("link", name="LMS connections").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("LMS connections (LTI 1.3)")
        fields = {
            "Name": "Test LMS",
            "Issuer": lms.issuer,
            "Client id": lms.client_id,
            "Platform key set (JWKS) URL": lms.urls["key_set_url"],
            "Authorization (OIDC auth) URL": lms.urls["auth_login_url"],
            "Access token URL": lms.urls["auth_token_url"],
            "Deployment ids": lms.deployment_id,
        }
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name="Register").click()
        expect(page.get_by_role("table")).to_contain_text("Test LMS")
        screenshot(page, "lti-office-platforms")

        page.goto(f"{lms.base_url}/start?member=0&message_type=LtiDeepLinkingRequest")
        page.wait_for_url("**/lti/deep-link/")
        heading = page.get_by_role("heading", level=1).inner_text()
        assert heading == "Add LearnLoop activities to your course"
        screenshot(page, "lti-deep-link-picker")
        page.get_by_label("Unit prices").check()
        page.get_by_role("button", name="Add to the course").click()
        page.wait_for_url(f"{lms.base_url}/deep-link-return")
        assert [item["title"] for item in lms.placed] == ["Unit prices"]

        custom = lms.placed[0]["custom"]
        page.goto(f"{lms.base_url}/start?member=1&activity_id={custom['activity_id']}")
        page.wait_for_url(f"**/learn/activities/{activity.pk}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Unit prices")
        screenshot(page, "lti-student-launch")
