"""One student's instance of a variabilized item: the numbers drawn for one answer.

An imported OATutor item is stored as row 0 of its values, with the template every
other row is drawn from (`oatutor_items.problem_template`). `item_instance(item, seed)`
is the item as the student with that seed sees and is graded on: an `ItemInstance`, a
plain value holding the item as drawn (a new frozen row for the answer path's
`ItemRow`, dataclasses.replace; an unsaved copy of a model) whose title, stem, hints and
answer key are those of the drawn row, and the drawn row's choices as `ChoiceSpec` values (what
grading, `describe_answer` and `choice_marks` take as `choices=`). The seed is
`variables.draw_seed(student, client_id)`: the practice page draws with the client id it
puts in its form, the offline pack with the client id it packs, and the grader with the
one the answer brings back, so the page, the grade, the feedback and a later regrade
agree. An item without variables is its own instance (no copy, and no query when its
choices are given or prefetched). Everything here takes any `content.gradable.GradableItem`:
the model or the answer path's row.

Nothing here touches the ORM's internals: a drawn instance's choices are values beside
the item, never a faked prefetch on it (issue 16).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic

from learnloop.content.gradable import GradableItem, GradableT, with_fields
from learnloop.content.grading import ChoiceSpec
from learnloop.content.grading_adapter import choice_specs
from learnloop.content.models import CHOICE_KINDS
from learnloop.content.oatutor_items import Template, instance_choices, instance_fields
from learnloop.content.variables import Variables, draw_row, draw_seed, substitute, values_at

__all__ = ["ItemInstance", "draw_for", "draw_seed", "drawn_values", "item_instance"]


@dataclass(frozen=True)
class ItemInstance(Generic[GradableT]):
    """The item as one seed draws it. `item` is the stored item when it has no draw, else
    a new item of the same type (a row, or an unsaved copy of a model) with the drawn
    row's text and answer key; `choices` are the drawn row's (the stored ones for an
    item without a draw; none for other kinds)."""

    item: GradableT
    choices: tuple[ChoiceSpec, ...]
    row: int = 0

    @property
    def drawn(self) -> bool:
        """Whether this is a copy drawn from a template (not the stored item)."""
        return template_of(self.item) is not None


def template_of(item: GradableItem) -> Template | None:
    """The draw template of a variabilized item (None when it has one row or none)."""
    found = (item.extra or {}).get("oatutor", {}).get("template")
    if not isinstance(found, dict) or int(found.get("rows", 0)) <= 1:
        return None
    return found


def is_variabilized(item: GradableItem) -> bool:
    """Whether the item draws its values per answer (more than one row)."""
    return template_of(item) is not None


def row_for(item: GradableItem, seed: str | None) -> int:
    """The row of values this seed draws for the item (0 for an item without a draw)."""
    template = template_of(item)
    return 0 if template is None else draw_row(seed, int(template["rows"]))


def drawn_values(
    item: GradableItem, seed: str | None, variables: Variables | None = None
) -> dict[str, str]:
    """The problem's values (and the keyed step's, and `variables`' when given, such as a
    hint's or a scaffold's own) in the row the seed draws."""
    template = template_of(item)
    if template is None:
        return values_at(item.variables | dict(variables or {}), 0)
    row = draw_row(seed, int(template["rows"]))
    found = template["variables"] | template["steps"][-1]["variables"] | dict(variables or {})
    return values_at(found, row)


def draw_for(
    text: str, item: GradableItem, seed: str | None, variables: Variables | None = None
) -> str:
    """Raw upstream text (a step's, a hint's, a scaffold's) with the seed's values put in
    for its `@{name}` markers: the same row as the stem and the answer key. Pass the
    step's, hint's or scaffold's own `variables` when it has some."""
    return substitute(text, drawn_values(item, seed, variables))


def item_instance(
    item: GradableT, seed: str | None, choices: Sequence[ChoiceSpec] | None = None
) -> ItemInstance[GradableT]:
    """The instance of `item` the seed draws. `choices`, when given, are the stored
    item's (read with it: no query); else `item.choices` (prefetch it for lists). A
    variabilized item needs neither: its choices are drawn from its template. Idempotent:
    drawing a drawn item with the same seed gives the same instance."""
    template = template_of(item)
    if template is None:
        stored = choice_specs(item) if choices is None else tuple(choices)
        return ItemInstance(item=item, choices=stored)
    row = draw_row(seed, int(template["rows"]))
    drawn = with_fields(item, instance_fields(template, row)[0])
    drawn_choices: tuple[ChoiceSpec, ...] = ()
    if drawn.kind in CHOICE_KINDS:
        drawn_choices = tuple(
            ChoiceSpec(key=choice.identifier, is_correct=choice.is_correct, text=choice.text)
            for choice in instance_choices(drawn, template, row)
        )
    return ItemInstance(item=drawn, choices=drawn_choices, row=row)
