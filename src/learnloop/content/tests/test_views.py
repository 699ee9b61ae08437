"""Authoring pages through Django's test client: forms, grading preview, alignment, lists."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from learnloop.content.drafts import ActivityDraft, validate_activity
from learnloop.content.models import Activity, ActivityKind, Item, RubricLevel, Status
from learnloop.content.services import create_item, publish_activity, publish_item
from learnloop.content.tests.factories import (
    make_activity,
    make_framework,
    make_item,
    numeric_draft,
    single_choice_draft,
)
from learnloop.engine.practice_policy import SessionTarget
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def choice_rows(*rows: tuple[str, bool], extra: int = 2) -> dict[str, str]:
    data = {"choices-TOTAL_FORMS": str(len(rows) + extra), "choices-INITIAL_FORMS": "0"}
    for index, (text, correct) in enumerate(rows):
        data[f"choices-{index}-text"] = text
        if correct:
            data[f"choices-{index}-is_correct"] = "on"
    return data


def test_teacher_creates_a_numeric_item_and_scripts_are_stripped(
    client: Client, world: World
) -> None:
    signed_in(client, world.teacher)
    response = client.post(
        reverse("content_item_create", args=["numeric"]),
        {
            "title": "Pens",
            "stem": '<p>Cost?<script>alert(1)</script><img src="p.png" onerror="alert(2)"></p>',
            "numeric_answer": "4.5",
            "tolerance": "0",
            "hints": "Divide.\nOne pen.",
            "solution": "<p onclick='x()'>13.5 ÷ 3</p>",
        },
    )
    item = Item.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("content_item_preview", args=[item.pk])
    assert "<script" not in item.stem and "onerror" not in item.stem
    assert "onclick" not in item.solution
    assert (item.author, item.school, item.status) == (world.teacher, world.school, Status.DRAFT)
    assert item.hints == ["Divide.", "One pen."]


def test_missing_answer_is_shown_beside_the_field(client: Client, world: World) -> None:
    signed_in(client, world.teacher)
    response = client.post(
        reverse("content_item_create", args=["numeric"]), {"stem": "x", "tolerance": "0"}
    )
    assert response.status_code == 200
    assert 'id="id_numeric_answer_errors"' in response.content.decode()
    assert not Item.objects.exists()


def test_single_choice_needs_exactly_one_correct(client: Client, world: World) -> None:
    signed_in(client, world.teacher)
    url = reverse("content_item_create", args=["single_choice"])
    data = {"stem": "Pick", **choice_rows(("a", True), ("b", True))}
    response = client.post(url, data)
    assert "Mark exactly one choice as correct (now 2)." in response.content.decode()
    response = client.post(url, {"stem": "Pick", **choice_rows(("a", True), ("b", False))})
    assert response.status_code == 302
    assert list(Item.objects.get().choices.values_list("identifier", "text")) == [
        ("A", "a"),
        ("B", "b"),
    ]


def test_short_text_item_from_the_form(client: Client, world: World) -> None:
    signed_in(client, world.teacher)
    client.post(
        reverse("content_item_create", args=["short_text"]),
        {"stem": "Name it", "accepted_answers": "unit rate\nrate per one", "hints": ""},
    )
    item = Item.objects.get()
    assert item.accepted_answers == ["unit rate", "rate per one"]


def test_unknown_kind_is_404(client: Client, world: World) -> None:
    signed_in(client, world.teacher)
    assert client.get(reverse("content_item_create", args=["essay"])).status_code == 404
    assert client.get(reverse("content_activity_create", args=["game"])).status_code == 404


def test_edit_keeps_choice_identifiers(client: Client, world: World) -> None:
    item = make_item(world.teacher, single_choice_draft())
    signed_in(client, world.other_teacher)
    url = reverse("content_item_edit", args=[item.pk])
    page = client.get(url).content.decode()
    assert 'value="4:6"' in page
    data = {
        "stem": "Which?",
        "choices-TOTAL_FORMS": "3",
        "choices-INITIAL_FORMS": "3",
        "choices-0-identifier": "A",
        "choices-0-text": "4:6",
        "choices-0-is_correct": "on",
        "choices-1-identifier": "B",
        "choices-1-text": "3:2",
        "choices-1-feedback": "Reversed the order",
        "choices-2-identifier": "C",
        "choices-2-text": "",
    }
    assert client.post(url, data).status_code == 302
    assert list(item.choices.values_list("identifier", flat=True)) == ["A", "B"]
    assert item.choices.get(identifier="B").feedback == "Reversed the order"
    assert 'value="Reversed the order"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("4.50", "Correct"), ("5", "Not correct"), ("abc", "Check your answer")],
)
def test_preview_grades_a_tried_answer(
    client: Client, world: World, answer: str, verdict: str
) -> None:
    item = make_item(world.teacher)
    signed_in(client, world.teacher)
    html = client.post(reverse("content_item_preview", args=[item.pk]), {"answer": answer})
    assert f"<strong>{verdict}</strong>" in html.content.decode()


def test_preview_of_a_choice_item(client: Client, world: World) -> None:
    item = make_item(world.teacher, single_choice_draft())
    signed_in(client, world.admin)
    url = reverse("content_item_preview", args=[item.pk])
    assert 'type="radio"' in client.get(url).content.decode()
    assert "<strong>Correct</strong>" in client.post(url, {"answer": "A"}).content.decode()


def test_align_by_searching_a_code_without_javascript(client: Client, world: World) -> None:
    framework = make_framework(world.classroom)
    make_framework(title="Other framework")
    item = make_item(world.teacher)
    signed_in(client, world.teacher)
    url = reverse("content_item_standards", args=[item.pk])
    html = client.get(url, {"q": "6.RP.A.2"}).content.decode()
    target = framework.standards.get(code="6.RP.A.2")
    assert f'value="{target.pk}"' in html
    assert "Other framework" not in html  # only the frameworks of the teacher's classes
    assert html.count('name="standards"') == 1
    junk = client.post(url, {"standards": [str(target.pk), "junk"]})
    assert junk.status_code == 400 and "standards" in junk.content.decode()
    assert not item.standards.exists()  # refused whole, not half-applied
    client.post(url, {"standards": [str(target.pk)]})
    assert list(item.standards.all()) == [target]
    client.post(url, {})
    assert not item.standards.exists()


def test_library_filters_and_query_count(
    client: Client, world: World, django_assert_num_queries: Any
) -> None:
    framework = make_framework()
    standard = framework.standards.get(code="6.RP.A.1")
    for _ in range(5):
        activity = make_activity(world.teacher)
        activity.standards.add(standard)
    make_activity(world.teacher, kind=ActivityKind.LESSON)
    make_activity(world.foreign_admin)  # another school: never listed
    signed_in(client, world.teacher)
    url = reverse("content_library")
    with django_assert_num_queries(5):  # session, user, count, page, standards prefetch
        html = client.get(url, {"kind": "practice", "standard": "6.RP"}).content.decode()
    assert html.count('class="std-chip"><bdi dir="ltr">6.RP.A.1</bdi><') == 5
    assert "A lesson" not in html
    html = client.get(url, {"q": "lesson"}).content.decode()
    assert "A lesson" in html and "A practice" not in html


def test_item_list_query_count_is_flat(
    client: Client, world: World, django_assert_num_queries: Any
) -> None:
    for _ in range(30):
        make_item(world.teacher)
    signed_in(client, world.teacher)
    with django_assert_num_queries(5):
        response = client.get(reverse("content_items"), {"status": "draft"})
    assert response.content.decode().count("Unit price") == 25
    assert "Page 1 of 2" in response.content.decode()


def test_activity_create_items_rubric_publish(client: Client, world: World) -> None:
    signed_in(client, world.teacher)
    response = client.post(
        reverse("content_activity_create", args=["practice"]),
        {"title": "Rates", "modality": "do", "estimated_minutes": "20", "interest_tags": "Music, "},
    )
    activity = Activity.objects.get()
    assert response["Location"] == reverse("content_activity_preview", args=[activity.pk])
    assert activity.interest_tags == ["music"]
    publish_url = reverse("content_activity_publish", args=[activity.pk])
    page = client.post(publish_url, follow=True).content.decode()
    assert "Add at least one item before publishing." in page
    first, second = make_item(world.teacher), make_item(world.other_teacher)
    items_url = reverse("content_activity_items", args=[activity.pk])
    html = client.get(items_url, {"q": "pens"}).content.decode()
    assert f'name="add" value="{first.pk}"' in html
    client.post(items_url, {"add": [str(second.pk), str(first.pk)]})
    assert [e.item for e in activity.entries.order_by("position")] == [second, first]
    client.post(items_url, {"keep": [str(first.pk)]})
    assert [e.item for e in activity.entries.all()] == [first]
    client.post(publish_url)
    activity.refresh_from_db()
    first.refresh_from_db()
    assert (activity.status, first.status) == (Status.PUBLISHED, Status.PUBLISHED)


def test_a_practice_session_target_is_set_from_the_activity_form(
    client: Client, world: World
) -> None:
    signed_in(client, world.teacher)
    base = {"title": "Rates", "modality": "do", "estimated_minutes": "20", "interest_tags": ""}
    create = reverse("content_activity_create", args=["practice"])
    form = client.get(create).content.decode()
    assert 'name="practice_target"' in form and 'name="practice_items"' in form
    client.post(create, base | {"practice_target": "items", "practice_items": "5"})
    activity = Activity.objects.get()
    assert activity.extra == {"practice": {"target": "items", "items": 5}}
    assert SessionTarget.from_settings(activity.extra["practice"]).items == 5
    activity.extra = {
        "oatutor": {"lesson_id": "L1"},
        "practice": {"target": "items", "items": 5, "misses_to_route": 2},
    }
    activity.save(update_fields=["extra"])
    edit = reverse("content_activity_edit", args=[activity.pk])
    assert 'value="5"' in client.get(edit).content.decode()
    for bad, field_name in [
        ({"practice_target": "items", "practice_items": "21"}, "practice_items"),
        ({"practice_target": "items", "practice_items": ""}, "practice_items"),
        ({"practice_target": "items", "practice_items": "two"}, "practice_items"),
        ({"practice_target": "forever"}, "practice_target"),
    ]:
        page = client.post(edit, base | bad)
        assert page.status_code == 200 and f'id="id_{field_name}"' in page.content.decode()
        assert "errorlist" in page.content.decode(), bad
    activity.refresh_from_db()
    assert activity.extra["practice"]["items"] == 5  # nothing bad was saved
    client.post(edit, base | {"practice_target": "mastery"})
    activity.refresh_from_db()
    assert activity.extra == {
        "oatutor": {"lesson_id": "L1"},
        "practice": {"target": "mastery", "misses_to_route": 2},
    }
    target = SessionTarget.from_settings(activity.extra["practice"])
    assert (target.kind.value, target.misses_to_route) == ("mastery", 2)
    lesson = reverse("content_activity_create", args=["lesson"])
    assert 'name="practice_target"' not in client.get(lesson).content.decode()


def test_only_a_practice_activity_takes_a_session_target() -> None:
    draft = ActivityDraft(
        kind=ActivityKind.LESSON, title="Read", body="x", practice={"target": "mastery"}
    )
    with pytest.raises(ValidationError) as raised:
        validate_activity(draft)
    assert "practice_target" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        validate_activity(
            ActivityDraft(
                kind=ActivityKind.PRACTICE, title="P", practice={"target": "items", "items": 0}
            )
        )
    assert "practice_items" in raised.value.message_dict


def test_rubric_grid_is_saved(client: Client, world: World) -> None:
    project = make_activity(world.teacher, kind=ActivityKind.PROJECT)
    signed_in(client, world.teacher)
    url = reverse("content_activity_rubric", args=[project.pk])
    assert client.get(url).status_code == 200
    data: dict[str, str] = {"title": "New rubric"}
    for j, label in enumerate(["Novice", "Apprentice", "Practitioner", "Expert"]):
        data[f"level_{j}_label"] = label
        data[f"level_{j}_points"] = str(j)
    data["criterion_0_name"] = "Clarity"
    for j in range(4):
        data[f"criterion_0_level_{j}"] = f"Clarity {j}"
    assert client.post(url, data).status_code == 302
    levels = RubricLevel.objects.filter(criterion__rubric__activity=project)
    assert [(x.criterion.name, x.label, x.points) for x in levels][-1] == ("Clarity", "Expert", 3)
    ids = sorted(levels.values_list("pk", flat=True))
    data["criterion_0_level_3"] = "Clarity, explained"  # reworded: the same rows, kept
    assert client.post(url, data).status_code == 302
    assert sorted(levels.values_list("pk", flat=True)) == ids
    assert "Work already scored keeps the levels chosen" in client.get(url).content.decode()
    data["criterion_0_level_2"] = ""
    assert "Describe every level" in client.post(url, data).content.decode()


def test_rubric_and_items_pages_only_for_the_right_kind(client: Client, world: World) -> None:
    lesson = make_activity(world.teacher, kind=ActivityKind.LESSON)
    signed_in(client, world.teacher)
    assert client.get(reverse("content_activity_rubric", args=[lesson.pk])).status_code == 404
    assert client.get(reverse("content_activity_items", args=[lesson.pk])).status_code == 404


def test_shared_library_is_copy_only(client: Client, world: World) -> None:
    item = publish_item(item=create_item(author=None, school=None, draft=numeric_draft()))
    shared = make_activity(world.teacher, items=[item])
    shared.school = None
    shared.author = None
    shared.save(update_fields=["school", "author"])
    publish_activity(activity=shared)
    signed_in(client, world.other_teacher)
    assert client.get(reverse("content_activity_edit", args=[shared.pk])).status_code == 403
    assert client.get(reverse("content_item_edit", args=[item.pk])).status_code == 403
    page = client.get(reverse("content_activity_preview", args=[shared.pk])).content.decode()
    assert "Copy and adapt" in page and "Edit</a>" not in page
    response = client.post(reverse("content_activity_copy", args=[shared.pk]))
    copy = Activity.objects.exclude(pk=shared.pk).get()
    assert response["Location"] == reverse("content_activity_preview", args=[copy.pk])
    assert (copy.author, copy.status) == (world.other_teacher, Status.DRAFT)
    assert client.get(reverse("content_activity_edit", args=[copy.pk])).status_code == 200


def test_lesson_edit_shows_link_field(client: Client, world: World) -> None:
    lesson = make_activity(world.teacher, kind=ActivityKind.LESSON)
    signed_in(client, world.teacher)
    url = reverse("content_activity_edit", args=[lesson.pk])
    assert 'name="link_url"' in client.get(url).content.decode()
    client.post(
        url,
        {
            "title": "Read me",
            "modality": "read",
            "estimated_minutes": "5",
            "body": "",
            "link_url": "https://example.org/lesson",
        },
    )
    lesson.refresh_from_db()
    assert (lesson.title, lesson.link_url) == ("Read me", "https://example.org/lesson")
