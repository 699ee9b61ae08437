"""Portfolio journeys in a real browser: a student uploads and shares work, the teacher
scores it on the rubric, and the guardian sees it (and nothing unshared) on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.gradebook.evidence import evidence_for
from learnloop.learning.engine_state import forget_cached_model
from learnloop.portfolio.models import Artifact, GuardianComment
from learnloop.portfolio.tests.fixtures import PNG_BYTES, make_project, portfolio_world
from learnloop.testing.browser import SCREENSHOTS, screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def test_student_uploads_teacher_scores_guardian_sees(
    page: Any, phone_page: Any, live_server: Any, tmp_path: Path
) -> None:
    forget_cached_model()
    world = build_world()
    lw = portfolio_world(world).learning  # the class, its standards and an earlier portfolio
    project = make_project("Ratio poster")
    poster = tmp_path / "ratio-poster.png"
    poster.write_bytes(PNG_BYTES)
    fake = tmp_path / "holiday.png"
    fake.write_text("<html><script>alert(1)</script></html>")

    sign_in(page, live_server.url, world.student.username)
    page.get_by_role("link", name="My portfolio").click()
    page.get_by_role("link", name="Add work").click()
    page.get_by_role("group", name="What are you adding?").get_by_label("A file").check()
    # Only the chosen kind's field shows.
    expect(page.get_by_role("textbox", name="Writing")).to_be_hidden()
    page.get_by_label("Title").fill("Fake picture")
    page.get_by_label("File", exact=True).set_input_files(str(fake))
    page.get_by_role("button", name="Add to my portfolio").click()
    expect(page.locator(".field--file .errorlist")).to_contain_text("whatever its name says")
    screenshot(page, "portfolio-upload-refused")

    page.get_by_label("Title").fill("Ratio poster")
    page.get_by_label("File", exact=True).set_input_files(str(poster))
    page.get_by_label("Reflection").fill("I compared prices per 100 g.")
    page.get_by_label("6.RP.A.2", exact=False).check()
    page.get_by_label("Project").select_option(label=project.title)
    page.get_by_label("Share with my family").check()
    page.get_by_label("Showcase piece").check()
    page.get_by_role("button", name="Add to my portfolio").click()
    page.get_by_role("heading", name="Ratio poster").wait_for()
    expect(page.get_by_role("img", name="Ratio poster")).to_be_visible()
    artifact = Artifact.objects.get(title="Ratio poster")
    assert artifact.content_type == "image/png" and artifact.showcase
    screenshot(page, "portfolio-student-artifact")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, world.teacher.username)
    page.goto(f"{live_server.url}/portfolio/artifacts/{artifact.pk}/")
    page.get_by_role("link", name="Score on the rubric").click()
    page.get_by_role("group", name="Uses unit rates").get_by_label("Extending", exact=False).check()
    page.get_by_role("group", name="Communicates").get_by_label("Secure", exact=False).check()
    screenshot(page, "portfolio-teacher-rubric")
    page.get_by_role("button", name="Save score").click()
    expect(page.locator(".messages")).to_contain_text("Scored 7 of 8: Proficient.")
    page.get_by_role("textbox", name="Comment").fill("Clear comparison of unit prices.")
    page.get_by_label("Family may read this").check()
    page.get_by_role("button", name="Add feedback").click()
    standard = lw.standards["6.RP.A.2"]
    kinds = {e.kind for e in evidence_for([world.student.pk], [standard.pk])}
    assert "rubric" in kinds

    sign_in(phone_page, live_server.url, world.guardian.username)
    phone_page.get_by_role("link", name=world.student.name).click()
    body = phone_page.locator("main").inner_text()
    assert "Ratio poster" in body and "Clear comparison of unit prices." in body
    assert "Draft slides" not in body  # the student did not share it
    assert "Olga" not in body
    screenshot(phone_page, "family-guardian-phone")
    phone_page.get_by_role("link", name="Ratio poster").first.click()
    phone_page.get_by_label("Your comment").fill("We loved the poster!")
    phone_page.get_by_role("button", name="Send comment").click()
    expect(phone_page.locator(".messages")).to_contain_text(
        "The teacher will read your comment first."
    )
    assert GuardianComment.objects.filter(text="We loved the poster!", status="pending").exists()

    phone_page.goto(f"{live_server.url}/family/students/{world.student.pk}/report/")
    screenshot(phone_page, "family-report-phone")
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, live_server.url, world.guardian.username)
    page.goto(f"{live_server.url}/family/students/{world.student.pk}/report/")
    page.emulate_media(media="print")
    screenshot(page, "family-report-print")
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    download.value.save_as(SCREENSHOTS / "family-report.pdf")
    assert (SCREENSHOTS / "family-report.pdf").read_bytes().startswith(b"%PDF-")
