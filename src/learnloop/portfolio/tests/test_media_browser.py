"""Recording evidence in the page with Chromium's fake camera and microphone: a voice
note, a photo and a drawing each become an artifact that plays back."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from learnloop.portfolio.models import Artifact, ArtifactKind
from learnloop.portfolio.tests.fixtures import portfolio_world
from learnloop.testing.browser import screenshot, sign_in
from learnloop.testing.world import build_world

pytestmark = pytest.mark.browser


def start(page: Any, base_url: str, kind_label: str, title: str) -> None:
    page.goto(f"{base_url}/portfolio/new/")
    page.get_by_role("group", name="What are you adding?").get_by_label(kind_label).check()
    page.get_by_label("Title").fill(title)


def save(page: Any) -> Artifact:
    expect(page.locator("[data-capture-status]")).to_contain_text("Ready to add")
    page.get_by_role("button", name="Add to my portfolio").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return Artifact.objects.latest("pk")


def test_a_student_records_a_voice_note_a_photo_and_a_drawing(
    phone_page: Any, live_server: Any
) -> None:
    world = build_world()
    portfolio_world(world)
    page = phone_page
    page.context.grant_permissions(["camera", "microphone"])
    sign_in(page, live_server.url, world.student.username)

    start(page, live_server.url, "A voice note", "How I found the unit price")
    page.get_by_role("button", name="Record a voice note").click()
    page.wait_for_timeout(1200)
    page.get_by_role("button", name="Stop recording").click()
    page.get_by_label("Describe it").fill("I explain dividing the price by the grams.")
    voice = save(page)
    assert voice.kind == ArtifactKind.VOICE and voice.media == "audio"
    expect(page.locator("audio[controls]")).to_have_count(1)
    screenshot(page, "portfolio-voice-note-phone")

    start(page, live_server.url, "A photo or a short video", "Our ratio table")
    page.get_by_role("button", name="Start the camera").click()
    expect(page.get_by_role("button", name="Take a photo")).to_be_enabled()
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Take a photo").click()
    photo = save(page)
    assert photo.kind == ArtifactKind.PHOTO and photo.content_type == "image/jpeg"
    assert page.locator("figure img").get_attribute("alt") == "Our ratio table"

    start(page, live_server.url, "A drawing or handwriting", "Tape diagram")
    canvas = page.locator("[data-canvas]")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + 150, box["y"] + 90, steps=8)
    page.mouse.up()
    drawing = save(page)
    assert drawing.kind == ArtifactKind.DRAWING and drawing.content_type == "image/png"
    screenshot(page, "portfolio-drawing-phone")
