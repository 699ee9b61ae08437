"""Writes: validation, sanitizing, idempotent upsert, publishing, copy and adapt."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from learnloop.content.drafts import ChoiceDraft, ItemDraft
from learnloop.content.grading_adapter import grade_item
from learnloop.content.models import (
    Activity,
    ActivityKind,
    Item,
    ItemKind,
    RubricLevel,
    Source,
    Status,
)
from learnloop.content.services import (
    copy_activity,
    publish_activity,
    publish_item,
    set_activity_items,
    update_item,
    upsert_item,
)
from learnloop.content.tests.factories import (
    make_activity,
    make_framework,
    make_item,
    numeric_draft,
    single_choice_draft,
)
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

EVIL = '<p onclick="steal()">Hi<script>alert(1)</script><img src="x.png" onerror="alert(2)"></p>'


def test_stem_solution_hints_and_choices_are_sanitized(world: World) -> None:
    draft = ItemDraft(
        kind=ItemKind.SINGLE_CHOICE,
        stem=EVIL,
        solution=EVIL,
        hints=(EVIL,),
        choices=(ChoiceDraft(EVIL, True), ChoiceDraft("no")),
    )
    item = make_item(world.teacher, draft)
    stored = [item.stem, item.solution, item.hints[0], item.choices.first().text]
    for html in stored:
        assert "<script" not in html
        assert "onerror" not in html
        assert "onclick" not in html
        assert '<img src="x.png">' in html


def test_numeric_item_grades_through_the_adapter(world: World) -> None:
    item = make_item(world.teacher, numeric_draft("4.5", "0.01"))
    item.refresh_from_db()
    assert grade_item(item, "4.50").correct
    assert grade_item(item, "4.51").correct
    assert not grade_item(item, "4.52").correct
    assert not grade_item(item, "abc").valid


def test_single_choice_gets_letters_and_grades(world: World) -> None:
    item = make_item(world.teacher, single_choice_draft())
    assert list(item.choices.values_list("identifier", "is_correct")) == [
        ("A", True),
        ("B", False),
        ("C", False),
    ]
    assert grade_item(item, "A").correct
    assert not grade_item(item, "B").correct


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        (ItemDraft(kind="numeric", stem="How many?"), "numeric_answer"),
        (ItemDraft(kind="short_text", stem="Name it", accepted_answers=(" ",)), "accepted_answers"),
        (
            ItemDraft(
                kind="single_choice",
                stem="Pick",
                choices=(ChoiceDraft("a", True), ChoiceDraft("b", True)),
            ),
            "choices",
        ),
        (ItemDraft(kind="multiple_choice", stem="Pick", choices=(ChoiceDraft("a"),)), "choices"),
        (ItemDraft(kind="numeric", stem=" ", numeric_answer=Decimal(1)), "stem"),
        (
            ItemDraft(kind="numeric", stem="x", numeric_answer=Decimal(1), tolerance=Decimal("-1")),
            "tolerance",
        ),
        (
            ItemDraft(kind="numeric", stem="x", numeric_answer=Decimal(1), difficulty=9),
            "difficulty",
        ),
        (ItemDraft(kind="essay", stem="x"), "kind"),
    ],
)
def test_bad_items_are_refused_naming_the_field(world: World, draft: ItemDraft, field: str) -> None:
    with pytest.raises(ValidationError) as error:
        make_item(world.teacher, draft)
    assert field in error.value.message_dict
    assert not Item.objects.exists()


def test_kind_cannot_change_on_update(world: World) -> None:
    item = make_item(world.teacher)
    with pytest.raises(ValidationError, match="kind cannot change"):
        update_item(item=item, draft=single_choice_draft())


def test_upsert_is_idempotent_by_source_identifier(world: World) -> None:
    framework = make_framework()
    standard = framework.standards.get(code="6.RP.A.2")
    first, created = upsert_item(
        source=Source.QTI,
        source_identifier="shared/item-1",
        school=None,
        author=None,
        draft=numeric_draft("4.5"),
        standards=[standard],
    )
    again, created_again = upsert_item(
        source=Source.QTI,
        source_identifier="shared/item-1",
        school=None,
        author=None,
        draft=numeric_draft("5"),
        standards=[standard],
    )
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Item.objects.count() == 1
    again.refresh_from_db()
    assert again.numeric_answer == Decimal(5)
    assert again.status == Status.PUBLISHED
    assert list(standard.items.all()) == [again]


def test_publishing_a_practice_needs_items_and_publishes_them(world: World) -> None:
    empty = make_activity(world.teacher, items=[])
    with pytest.raises(ValidationError, match="at least one item"):
        publish_activity(activity=empty)
    item = make_item(world.teacher)
    activity = make_activity(world.teacher, items=[item])
    publish_activity(activity=activity)
    item.refresh_from_db()
    assert (activity.status, item.status) == (Status.PUBLISHED, Status.PUBLISHED)


def test_lesson_has_no_items_and_project_needs_rubric(world: World) -> None:
    lesson = make_activity(world.teacher, kind=ActivityKind.LESSON)
    with pytest.raises(ValidationError, match="has no items"):
        set_activity_items(activity=lesson, items=[make_item(world.teacher)])
    publish_activity(activity=lesson)
    project = make_activity(world.teacher, kind=ActivityKind.PROJECT)
    assert publish_activity(activity=project).status == Status.PUBLISHED


def test_items_keep_their_order(world: World) -> None:
    items = [make_item(world.teacher) for _ in range(3)]
    activity = make_activity(world.teacher, items=items[::-1])
    ordered = [entry.item_id for entry in activity.entries.order_by("position")]
    assert ordered == [item.pk for item in items[::-1]]
    with pytest.raises(ValidationError, match="twice"):
        set_activity_items(activity=activity, items=[items[0], items[0]])


def test_copy_and_adapt_is_a_deep_draft_copy(world: World) -> None:
    framework = make_framework()
    item = make_item(world.admin, single_choice_draft())
    item.standards.set(framework.standards.all())
    original = make_activity(world.admin, items=[item])
    publish_activity(activity=original)
    copy = copy_activity(activity=original, owner=world.teacher)
    assert (copy.author, copy.school, copy.status) == (world.teacher, world.school, Status.DRAFT)
    assert copy.copied_from == original
    copied_item = copy.entries.get().item
    assert copied_item.pk != item.pk
    assert copied_item.copied_from == item
    assert copied_item.status == Status.DRAFT
    assert list(copied_item.choices.values_list("identifier", "is_correct")) == [
        ("A", True),
        ("B", False),
        ("C", False),
    ]
    assert set(copied_item.standards.all()) == set(framework.standards.all())
    assert Activity.objects.count() == 2


def test_copy_keeps_the_rubric_grid(world: World) -> None:
    project = make_activity(world.teacher, kind=ActivityKind.PROJECT)
    copy = copy_activity(activity=project, owner=world.other_teacher)
    grid = [
        (level.criterion.name, level.label, level.points, level.descriptor)
        for level in RubricLevel.objects.filter(criterion__rubric__activity=copy)
    ]
    assert len(grid) == 8
    assert grid[0] == ("Reasoning", "Beginning", 1, "Guesses")
    assert grid[-1] == ("Accuracy", "Extending", 4, "Correct and checked")


def test_publish_item(world: World) -> None:
    item = make_item(world.teacher)
    assert publish_item(item=item).status == Status.PUBLISHED


def test_a_choice_keeps_its_misconception_through_edits_and_copies(world: World) -> None:
    draft = ItemDraft(
        kind=ItemKind.SINGLE_CHOICE,
        stem="<p>3 cats, 5 dogs: cats to dogs?</p>",
        choices=(
            ChoiceDraft("3:5", True, "a"),
            ChoiceDraft("5:3", False, "b", feedback="  Reversed   the order "),
        ),
    )
    item = make_item(world.admin, draft)
    assert item.choices.get(identifier="b").feedback == "Reversed the order"
    original = make_activity(world.admin, items=[item])
    copy = copy_activity(activity=original, owner=world.teacher).entries.get().item
    assert copy.choices.get(identifier="b").feedback == "Reversed the order"
    update_item(item=item, draft=draft)
    assert item.choices.get(identifier="b").feedback == "Reversed the order"
