"""What grading, the draw of a variabilized item and the feedback helpers read of an item.

`GradableItem` is the shape they take: the `Item` model has it, and so does the answer
path's frozen row (`learning.answering.queries.ItemRow`), which is read in one literal
statement and never becomes a model instance (ADR 0004). Every member is read-only, so
a frozen dataclass satisfies it; a drawn instance of a row is a new row
(`dataclasses.replace`), of a model an unsaved copy (`with_fields`).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Protocol, TypeVar


class GradableItem(Protocol):
    """An item as grading (`grading_adapter`), `item_instances`, `item_parts` and the
    answer's feedback read it: its key, its text and answer key, its draw template."""

    @property
    def id(self) -> Any: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def stem(self) -> str: ...
    @property
    def numeric_answer(self) -> Decimal | None: ...
    @property
    def tolerance(self) -> Decimal: ...
    @property
    def accepted_answers(self) -> list[str]: ...
    @property
    def case_sensitive(self) -> bool: ...
    @property
    def ignore_punctuation(self) -> bool: ...
    @property
    def partial_credit(self) -> bool: ...
    @property
    def math_any_form(self) -> bool: ...
    @property
    def hints(self) -> list[str]: ...
    @property
    def solution(self) -> str: ...
    @property
    def answer_type(self) -> str: ...
    @property
    def variables(self) -> dict[str, Any]: ...
    @property
    def extra(self) -> dict[str, Any]: ...


GradableT = TypeVar("GradableT", bound=GradableItem)


def with_fields(item: GradableT, fields: Mapping[str, Any]) -> GradableT:
    """The item with these fields changed, the item itself untouched: a new row for a
    frozen dataclass, an unsaved copy for a model."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        changed: GradableT = dataclasses.replace(item, **fields)  # type: ignore[type-var]
        return changed
    drawn = copy.copy(item)
    for name, value in fields.items():
        setattr(drawn, name, value)
    return drawn
