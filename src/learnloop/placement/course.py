"""A framework as the engine's placement course: its leaf standards, the CASE
`precedes` associations between them, and one question per standard.

A standard with no published, fixed item (a variabilized item draws its values per
answer, and a placement question is asked once) is never asked about: the engine
places it from its neighbours in the graph.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from learnloop.content.item_instances import is_variabilized
from learnloop.content.models import Item, Status
from learnloop.engine.placement import KnowledgeStates, PlacementCourse, knowledge_states
from learnloop.standards.models import AssociationType, Framework, Standard, StandardAssociation
from learnloop.standards.selectors import leaf_standards_for_framework


@dataclass(frozen=True)
class Course:
    """The engine's course and the rows behind it (standards by engine id)."""

    engine: PlacementCourse
    standards: dict[str, Standard]
    askable: tuple[str, ...]

    def states(self, seed: int) -> KnowledgeStates:
        return knowledge_states(self.engine, np.random.default_rng(seed))


def course_for(framework: Framework) -> Course:
    """The framework's placement course, in four queries whatever its size."""
    leaves = leaf_standards_for_framework(framework)
    by_id = {str(s.pk): s for s in leaves}
    pairs = StandardAssociation.objects.filter(
        framework=framework,
        association_type=AssociationType.PRECEDES,
        origin_id__in=[s.pk for s in leaves],
        destination_id__in=[s.pk for s in leaves],
    ).values_list("origin_id", "destination_id")
    prerequisites = tuple(dict.fromkeys((str(a), str(b)) for a, b in pairs if a != b))
    with_items = set(
        Item.objects.filter(status=Status.PUBLISHED, standards__in=leaves)
        .values_list("standards", flat=True)
        .distinct()
    )
    askable = tuple(key for key, s in by_id.items() if s.pk in with_items)
    return Course(PlacementCourse(tuple(by_id), prerequisites), by_id, askable)


def question_for(standard: Standard) -> Item | None:
    """The item that asks about `standard`: its first published fixed item, preferring
    one aligned to this standard alone."""
    items = (
        Item.objects.filter(status=Status.PUBLISHED, standards=standard)
        .prefetch_related("standards")
        .order_by("pk")
    )
    candidates = sorted(items, key=lambda item: len(item.standards.all()) > 1)
    return next((item for item in candidates if not is_variabilized(item)), None)
