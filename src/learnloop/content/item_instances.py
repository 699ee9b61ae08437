"""One student's instance of a variabilized item: the numbers drawn for one answer.

An imported OATutor item is stored as row 0 of its values, with the template every
other row is drawn from (`oatutor_items.problem_template`). `drawn_item(item, seed)` is
the item as the student with that seed sees and is graded on: a copy, never saved,
whose title, stem, hints, answer key and choices are those of the drawn row. The seed
is `variables.draw_seed(student, client_id)`: the practice page draws with the client
id it puts in its form, and the grader with the one the answer brings back, so the page,
the grade, the feedback and a later regrade agree. Items without variables come back
as they are (no copy, no query).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from learnloop.content.models import CHOICE_KINDS, Choice, Item
from learnloop.content.oatutor_items import Template, apply_instance, instance_choices
from learnloop.content.variables import Variables, draw_row, draw_seed, substitute, values_at

__all__ = ["draw_for", "draw_seed", "drawn_item", "drawn_values"]


def template_of(item: Item) -> Template | None:
    """The draw template of a variabilized item (None when it has one row or none)."""
    found = (item.extra or {}).get("oatutor", {}).get("template")
    if not isinstance(found, dict) or int(found.get("rows", 0)) <= 1:
        return None
    return found


def row_for(item: Item, seed: str | None) -> int:
    """The row of values this seed draws for the item (0 for an item without a draw)."""
    template = template_of(item)
    return 0 if template is None else draw_row(seed, int(template["rows"]))


def drawn_values(
    item: Item, seed: str | None, variables: Variables | None = None
) -> dict[str, str]:
    """The problem's values (and the first step's, and `variables`' when given, such as a
    hint's or a scaffold's own) in the row the seed draws."""
    template = template_of(item)
    if template is None:
        return values_at(item.variables | dict(variables or {}), 0)
    row = draw_row(seed, int(template["rows"]))
    found = template["variables"] | template["steps"][0]["variables"] | dict(variables or {})
    return values_at(found, row)


def draw_for(text: str, item: Item, seed: str | None, variables: Variables | None = None) -> str:
    """Raw upstream text (a step's, a hint's, a scaffold's) with the seed's values put in
    for its `@{name}` markers: the same row as the stem and the answer key. Pass the
    step's, hint's or scaffold's own `variables` when it has some."""
    return substitute(text, drawn_values(item, seed, variables))


def drawn_item(item: Item, seed: str | None) -> Item:
    """The instance of `item` the seed draws: a copy (never save it) with its title, stem,
    hints, answer key and, for a choice item, its choices (`item.choices.all()`, no query)
    set to the drawn row; the item itself when it has no draw. Idempotent: drawing a
    drawn item with the same seed gives the same instance."""
    template = template_of(item)
    if template is None:
        return item
    row = draw_row(seed, int(template["rows"]))
    drawn = copy.copy(item)
    drawn._prefetched_objects_cache = dict(getattr(item, "_prefetched_objects_cache", {}))
    apply_instance(drawn, template, row)
    if drawn.kind in CHOICE_KINDS:
        _set_choices(drawn, instance_choices(drawn, template, row))
    drawn._learnloop_draw = (seed, row)  # type: ignore[attr-defined]
    return drawn


def _set_choices(item: Item, choices: list[Choice]) -> None:
    """Make `item.choices.all()` return these unsaved choices, as a prefetch would."""
    for choice in choices:
        choice.item = item
    rows: Any = Choice.objects.filter(item_id=item.pk).order_by("position")
    rows._result_cache = choices
    rows._prefetch_done = True
    cache: Mapping[str, Any] = item._prefetched_objects_cache  # type: ignore[attr-defined]
    item._prefetched_objects_cache = {**cache, "choices": rows}  # type: ignore[attr-defined]
