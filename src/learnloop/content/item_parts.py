"""The steps of a problem with several steps, as the step player asks them.

An imported OATutor problem with several steps is one item: its stem is the problem's
text, its answer key the last step's (the answer path grades that one), and its draw
template (`oatutor_items.problem_template`) keeps every step's text, key, choices and
hints. `parts_of(item, seed)` draws them for one instance (the same row as the stem and
the key, `content.item_instances`): each an `ItemPart` with its text, its grading spec
(`content.scaffold_grading`: the importer's rule for a step), its choices and its hints.
No query. A one-step item has no parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from learnloop.content.gradable import GradableItem
from learnloop.content.grading import SINGLE_CHOICE, GradeResult, ItemSpec, grade
from learnloop.content.oatutor_items import _hint_html, reveals_answer, to_html
from learnloop.content.richtext import sanitize_html
from learnloop.content.scaffold_grading import ScaffoldChoice, scaffold_choices, scaffold_spec
from learnloop.content.variables import draw_row, substitute, values_at


@dataclass(frozen=True)
class ItemPart:
    """One step of a drawn instance. `position` counts from 0; `last` is the item's own
    answer (graded by the answer path); the others are answered in the player."""

    position: int
    text: str  # sanitized HTML, drawn
    spec: ItemSpec
    choices: tuple[ScaffoldChoice, ...]
    answers: tuple[str, ...]  # drawn, as written (for the reveal and the solution)
    hints: tuple[str, ...]  # sanitized HTML, drawn: the step's hints, no answer reveal
    last: bool

    @property
    def is_choice(self) -> bool:
        return bool(self.choices)

    def grade(self, answer: str) -> GradeResult:
        return grade(self.spec, answer)


def _template(item: GradableItem) -> Mapping[str, Any] | None:
    found = (item.extra or {}).get("oatutor", {}).get("template")
    if not isinstance(found, dict):
        return None
    steps = found.get("steps") or []
    if len(steps) < 2 or not all("answers" in step for step in steps):
        return None
    return found


def has_parts(item: GradableItem | None) -> bool:
    """Whether the item is served step by step (a problem with several steps)."""
    return item is not None and _template(item) is not None


def parts_of(item: GradableItem, seed: str | None) -> list[ItemPart]:
    """The item's steps as the instance `seed` draws them ([] for a one-step item)."""
    template = _template(item)
    if template is None:
        return []
    rows = int(template.get("rows", 1) or 1)
    row = draw_row(seed, rows) if rows > 1 else 0
    figures = template.get("figures", {})
    steps = template["steps"]
    parts = []
    for position, step in enumerate(steps):
        values = values_at(template["variables"] | step["variables"], row)
        answers = tuple(substitute(a, values).strip() for a in step["answers"] if a)
        choices = tuple(substitute(c, values).strip() for c in step["choices"])
        spec = scaffold_spec(
            problem_type=step["problem_type"],
            answer_type=step["answer_type"],
            answers=answers,
            choices=choices,
        )
        shown = scaffold_choices(answers, choices) if spec.kind == SINGLE_CHOICE else []
        text = " ".join(t for t in (step["title"], step["body"]) if t)
        parts.append(
            ItemPart(
                position=position,
                text=sanitize_html(to_html(text, values, figures)),
                spec=spec,
                choices=tuple(
                    ScaffoldChoice(c.key, sanitize_html(to_html(c.text, values, {}))) for c in shown
                ),
                answers=answers,
                hints=tuple(
                    sanitize_html(_hint_html(hint, values, figures, row))
                    for hint in step["hints"]
                    if hint["kind"] != "scaffold" and not reveals_answer(hint)
                ),
                last=position == len(steps) - 1,
            )
        )
    return parts
