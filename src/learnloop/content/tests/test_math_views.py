"""Math items through the real stack: authoring, preview, practice, and the math assets."""

from __future__ import annotations

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from learnloop.content.drafts import ActivityDraft, ItemDraft
from learnloop.content.models import Activity, ActivityKind, Item, ItemKind, Modality, Status
from learnloop.content.services import create_activity, create_item, set_activity_items
from learnloop.content.templatetags.math import DEFAULT_KATEX_STATIC, katex_urls
from learnloop.content.tests.factories import make_framework, make_item
from learnloop.learning.models import PracticeSession, Response
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

STEM = "<p>Expand $$3\\left(x-2\\right)$$ and simplify \\(x \\cdot 1\\).</p>"
KATEX_INSTALLED = katex_urls(DEFAULT_KATEX_STATIC) is not None


def math_draft(*keys: str, any_form: bool = True) -> ItemDraft:
    return ItemDraft(
        kind=ItemKind.MATH,
        title="Expand",
        stem=STEM,
        accepted_answers=keys or ("3x-6",),
        math_any_form=any_form,
        hints=("Multiply $$3$$ by each term.",),
        solution="<p>$$3x-6$$</p>",
    )


def math_practice(world: World, *, any_form: bool = True) -> Activity:
    standard = make_framework(world.classroom).standards.get(code="6.NS.A.1")
    item = create_item(
        author=None,
        school=None,
        draft=math_draft(any_form=any_form),
        standards=[standard],
        status=Status.PUBLISHED,
    )
    activity = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(kind=ActivityKind.PRACTICE, title="Expanding", modality=Modality.DO),
        standards=[standard],
        status=Status.PUBLISHED,
    )
    set_activity_items(activity=activity, items=[item])
    return activity


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def answer(client: Client, activity: Activity, typed: str) -> tuple[int, str]:
    url = reverse("learning_practice", args=[activity.pk])
    client.get(url)
    session = PracticeSession.objects.get(activity=activity, finished_at__isnull=True)
    post = {
        "item_id": session.current_item_id,
        "client_id": session.current_client_id,
        "answer": typed,
        "kind": "math",
    }
    response = client.post(url, post)
    return response.status_code, response.content.decode()


def test_a_teacher_authors_a_math_item_and_an_unreadable_key_is_refused(world: World) -> None:
    client = signed_in(world.teacher)
    url = reverse("content_item_create", args=["math"])
    page = client.get(url).content.decode()
    assert 'name="accepted_answers"' in page and 'name="math_any_form"' in page
    refused = client.post(url, {"stem": "<p>Half?</p>", "accepted_answers": "1/2\n3/(4"})
    assert refused.status_code == 200 and "Check your brackets" in refused.content.decode()
    assert not Item.objects.exists()
    saved = client.post(url, {"stem": "<p>Half?</p>", "accepted_answers": "1/2\n\n"})
    assert saved.status_code == 302
    item = Item.objects.get()
    assert (item.kind, item.accepted_answers, item.math_any_form) == ("math", ["1/2"], False)
    client.post(
        reverse("content_item_edit", args=[item.pk]),
        {"stem": "<p>Half?</p>", "accepted_answers": "1/2", "math_any_form": "on"},
    )
    item.refresh_from_db()
    assert item.math_any_form


@pytest.mark.parametrize(
    ("typed", "any_form", "verdict"),
    [
        ("3(x-2)", True, "Correct"),
        ("-6+3x", True, "Correct"),
        ("3(x-2)", False, "Not correct"),
        ("3x-5", True, "Not correct"),
        ("3x-", True, "Check your answer"),
    ],
)
def test_preview_checks_math_for_equivalence(
    world: World, typed: str, any_form: bool, verdict: str
) -> None:
    item = make_item(world.teacher, math_draft("3x-6", any_form=any_form))
    client = signed_in(world.teacher)
    response = client.post(reverse("content_item_preview", args=[item.pk]), {"answer": typed})
    assert response.status_code == 200
    assert f"<strong>{verdict}</strong>" in response.content.decode()


def test_preview_offers_the_math_keys_on_the_answer_box(world: World) -> None:
    item = make_item(world.teacher, math_draft())
    page = signed_in(world.teacher).get(reverse("content_item_preview", args=[item.pk]))
    html = page.content.decode()
    assert re.search(r'<input[^>]*name="answer"[^>]*data-math-keys', html)
    assert "content/math_keys.js" in html and "Math as on a calculator" in html


def test_a_student_practices_a_math_item_and_unreadable_math_is_explained(
    world: World,
) -> None:
    activity = math_practice(world)
    client = signed_in(world.student)
    page = client.get(reverse("learning_practice", args=[activity.pk])).content.decode()
    assert "Expand $$3\\left(x-2\\right)$$" in page  # raw LaTeX, readable without JavaScript
    assert re.search(r'<input[^>]*name="answer"[^>]*data-math-keys', page)
    status, body = answer(client, activity, "3(x-2")
    assert status == 400 and "Check your brackets: each ( needs a matching )." in body
    assert not Response.objects.exists()
    status, body = answer(client, activity, "3(x-2)")
    assert status == 200 and "Correct!" in body
    assert "$$3x-6$$" in body  # the worked solution keeps its LaTeX for KaTeX
    assert Response.objects.get().correct


def test_a_wrong_form_is_wrong_where_the_item_asks_for_the_expanded_one(world: World) -> None:
    activity = math_practice(world, any_form=False)
    client = signed_in(world.student)
    status, body = answer(client, activity, "3(x-2)")
    assert status == 200 and "Not quite" in body
    assert not Response.objects.get().correct


@override_settings(LEARNLOOP_KATEX_STATIC="vendor/not-installed")
def test_without_katex_installed_pages_work_and_show_the_raw_latex(world: World) -> None:
    activity = math_practice(world)
    client = signed_in(world.student)
    page = client.get(reverse("learning_practice", args=[activity.pk])).content.decode()
    assert "katex" not in page.lower()
    assert "content/math_keys.js" in page and "Expand $$3\\left(x-2\\right)$$" in page
    status, body = answer(client, activity, "3x-6")
    assert status == 200 and "Correct!" in body and "katex" not in body.lower()


@pytest.mark.skipif(not KATEX_INSTALLED, reason="KaTeX is not installed: run `make assets`")
def test_with_katex_installed_practice_preview_and_feedback_load_it_locally(
    world: World,
) -> None:
    activity = math_practice(world)
    client = signed_in(world.student)
    page = client.get(reverse("learning_practice", args=[activity.pk])).content.decode()
    _, feedback = answer(client, activity, "3x-6")
    item = Item.objects.get()
    preview = signed_in(world.admin).get(reverse("content_item_preview", args=[item.pk]))
    for html in (page, feedback, preview.content.decode()):
        scripts = re.findall(r'<script src="([^"]+)"', html)
        assert "/static/vendor/katex/katex.min.js" in scripts
        assert scripts.index("/static/vendor/katex/katex.min.js") < scripts.index(
            "/static/content/math.js"
        )
        assert '<link rel="stylesheet" href="/static/vendor/katex/katex.min.css">' in html
        # Never a CDN: static files, and the translation catalogue LearnLoop serves itself.
        assert all(src.startswith("/static/") or src.split("?")[0] == "/jsi18n/" for src in scripts)
