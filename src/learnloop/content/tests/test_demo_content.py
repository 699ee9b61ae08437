"""The demo seed: ~150 valid, gradeable items, practices, lessons, projects; idempotent."""

from __future__ import annotations

from collections import Counter

import pytest

from learnloop.content.demo.builders import generate
from learnloop.content.demo.seed import TEMPLATES, seed_demo_content
from learnloop.content.grading_adapter import grade_item
from learnloop.content.models import (
    Activity,
    ActivityKind,
    Item,
    Modality,
    RubricCriterion,
    Source,
    Status,
)
from learnloop.demo.seed import seed_demo
from learnloop.standards.demo_framework import TITLE

LEAF_CODES = {
    "4.NF.A.1", "5.NF.B.3", "5.NBT.B.7", "6.NS.B.4", "6.NS.A.1", "6.RP.A.1", "6.RP.A.2",
    "6.RP.A.3.a", "6.RP.A.3.b", "6.RP.A.3.c", "6.RP.A.3.d", "6.EE.C.9", "7.RP.A.1",
    "7.RP.A.2.a", "7.RP.A.3",
}  # fmt: skip


def test_every_leaf_standard_has_templates() -> None:
    assert set(TEMPLATES) == LEAF_CODES


def test_generation_is_deterministic() -> None:
    for code, templates in TEMPLATES.items():
        assert generate(templates, code) == generate(templates, code)


@pytest.mark.django_db
def test_seed_builds_published_gradeable_content_and_is_idempotent() -> None:
    seed_demo()
    counts = (Item.objects.count(), Activity.objects.count(), RubricCriterion.objects.count())
    seed_demo()
    assert (
        Item.objects.count(),
        Activity.objects.count(),
        RubricCriterion.objects.count(),
    ) == counts

    items = Item.objects.prefetch_related("choices", "standards")
    assert items.count() == 150
    assert set(items.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert set(items.values_list("source", flat=True)) == {Source.GENERATED}
    kinds = Counter(items.values_list("kind", flat=True))
    assert set(kinds) == {"numeric", "single_choice", "multiple_choice", "short_text"}
    for item in items:
        assert item.standards.get().framework.title == TITLE
        assert 1 <= len(item.hints) <= 2 and item.solution
        assert grade_item(item, _right_answer(item)).correct, item.stem

    activities = Activity.objects.filter(status=Status.PUBLISHED)
    practices = activities.filter(kind=ActivityKind.PRACTICE)
    assert practices.count() == 15
    assert all(p.entries.count() == 10 for p in practices)
    lessons = activities.filter(kind=ActivityKind.LESSON)
    assert lessons.count() >= 8
    assert lessons.filter(modality=Modality.DISCUSS).count() >= 2
    projects = activities.filter(kind=ActivityKind.PROJECT)
    assert sorted(projects.values_list("title", flat=True)) == [
        "Plan a class party on a budget",
        "Scale a recipe",
    ]
    for project in projects:
        criteria = RubricCriterion.objects.filter(rubric__activity=project)
        assert 3 <= criteria.count() <= 4
        assert all(c.levels.count() == 4 for c in criteria)
    assert set(projects.get(title="Scale a recipe").standards.values_list("code", flat=True)) == {
        "6.RP.A.3.a",
        "6.RP.A.1",
    }


def _right_answer(item: Item) -> object:
    if item.kind == "numeric":
        return str(item.numeric_answer)
    if item.kind == "short_text":
        return item.accepted_answers[0]
    return [c.identifier for c in item.choices.all() if c.is_correct]


@pytest.mark.django_db
def test_step_skips_without_the_demo_framework() -> None:
    seed_demo_content(None)  # type: ignore[arg-type]
    assert not Item.objects.exists()
