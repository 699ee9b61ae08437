"""The teachers' how-tos: served by the app, the same text as docs/teachers/, linked from
every teacher view's one-sentence guide."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from learnloop.learning.tests.fixtures import client_for
from learnloop.teaching.guide import GUIDES, HELP_DIR, help_pages, render_markdown
from learnloop.testing.world import World

DOCS = Path(__file__).resolve().parents[4] / "docs" / "teachers"


def test_docs_hold_the_same_how_tos() -> None:
    if not DOCS.is_dir():
        pytest.skip("docs/teachers is not beside this checkout")
    assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(
        p.name for p in HELP_DIR.glob("*.md")
    )
    for path in HELP_DIR.glob("*.md"):
        assert (DOCS / path.name).read_text() == path.read_text(), path.name


def test_every_guide_links_to_a_how_to() -> None:
    assert {guide.page for guide in GUIDES.values()} <= set(help_pages())


@pytest.mark.parametrize(
    "page",
    [
        "dashboard",
        "mistakes",
        "groups",
        "assignments",
        "gradebook",
        "goals-inbox",
        "conferences",
        "content",
    ],
)
def test_a_how_to_renders_for_teachers_and_the_office(world: World, page: str) -> None:
    for reader in (world.teacher, world.admin):
        response = client_for(reader).get(reverse("teaching_help", args=[page]))
        assert response.status_code == 200
        assert response.content.count(b"<h1") == 1


@pytest.mark.parametrize(
    ("view", "how_to"),
    [
        ("gradebook_class", "gradebook"),
        ("goals_teacher", "goals-inbox"),
        ("conferences_home", "conferences"),
        ("conferences_todo", "conferences"),
        ("content_library", "content"),
        ("content_items", "content"),
    ],
)
def test_teacher_pages_say_what_they_show_and_link_their_how_to(
    world: World, view: str, how_to: str
) -> None:
    args = [world.classroom.pk] if view == "gradebook_class" else []
    page = client_for(world.teacher).get(reverse(view, args=args)).content.decode()
    assert page.count('class="guide"') == 1
    assert f'href="/help/teachers/{how_to}/"' in page


def test_unknown_pages_are_not_found(world: World) -> None:
    client = client_for(world.teacher)
    assert client.get("/help/teachers/nothing-here/").status_code == 404
    assert client.get("/help/teachers/..%2Fsecret/").status_code == 404


def test_markdown_is_escaped_and_links_stay_inside() -> None:
    title, body = render_markdown(
        "# Title\n\nSee <script>x</script> and [next](mistakes.md), "
        "[bad](javascript:alert(1)).\n\n- **one**\n- `two`\n\n1. first\n2. second\n\n## Sub"
    )
    assert title == "Title"
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert '<a href="../mistakes/">next</a>' in body and "javascript" not in body
    assert "<ul><li><strong>one</strong></li><li><code>two</code></li></ul>" in body
    assert "<ol><li>first</li><li>second</li></ol>" in body and "<h2>Sub</h2>" in body
