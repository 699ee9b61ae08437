"""A placement check on the demo framework for the test world's class, with a fixed
numeric item on every leaf standard (so that the check has something to ask)."""

from __future__ import annotations

from decimal import Decimal

from learnloop.content.drafts import ItemDraft
from learnloop.content.models import Item, ItemKind, Status
from learnloop.content.services import create_item
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.placement.models import PlacementCheck
from learnloop.placement.services import assign_placement_check
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_framework
from learnloop.testing.world import World

ANSWER = Decimal(7)


def question_item(standard: Standard, *, secure: bool = False) -> Item:
    item = create_item(
        author=None,
        school=None,
        draft=ItemDraft(
            kind=ItemKind.NUMERIC,
            title=f"Placement {standard.code}",
            stem=f"<p>{standard.code}: what is 3 + 4?</p>",
            numeric_answer=ANSWER,
        ),
        standards=[standard],
        status=Status.PUBLISHED,
    )
    if secure:  # a placement question may be secure: it is never packed
        Item.objects.filter(pk=item.pk).update(secure=True)
    return item


def placement_check(world: World, *, with_items: bool = True) -> PlacementCheck:
    """The class's placement check (cached on the world, like learning_world)."""
    cached = getattr(world, "_placement", None)
    if cached is not None:
        return cached
    lw: LearningWorld = learning_world(world)
    if with_items:
        for standard in leaf_standards_for_framework(lw.framework):
            question_item(standard, secure=True)
    check = assign_placement_check(
        assigned_by=world.teacher, classroom=world.classroom, framework=lw.framework
    )
    world._placement = check  # type: ignore[attr-defined]
    return check
