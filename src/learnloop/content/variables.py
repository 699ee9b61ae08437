"""Variabilized problems: which row of values a student draws, and the text it gives.

An OATutor problem names its varying numbers `@{name}` and lists the values each may
take (`variabilization`), on the problem, a step or a hint; the lists run in parallel
(row 0 is one consistent instance, row 1 another). A draw picks one row for the whole
problem from a seed: row = sha256("learnloop-draw:" + seed) mod the length of the
item's longest list, and a shorter list takes `row mod its length`. The same seed gives
the same row everywhere (page, grader, feedback, a later regrade), so the seed must be
something the client sends back with its answer: `draw_seed(student, client_id)`.

Pure Python: no Django, so the importer, the pages and the tests share it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from uuid import UUID

DRAW_PREFIX = "learnloop-draw:"
VARIABLE = re.compile(r"@\{(\w+)\}")

Variables = Mapping[str, Sequence[str]]


def draw_seed(student_id: int, client_id: UUID | str) -> str:
    """The seed of one served instance: the student and the answer's client id, which the
    page puts in its form and the grader receives back."""
    return f"{student_id}:{str(client_id).lower()}"


def longest(variable_sets: Iterable[Variables]) -> int:
    """The number of rows: the length of the longest list of values (0 with none)."""
    return max((len(values) for found in variable_sets for values in found.values()), default=0)


def draw_row(seed: str | None, rows: int) -> int:
    """The row a seed draws among `rows` (0 without a seed or with at most one row)."""
    if seed is None or rows <= 1:
        return 0
    digest = hashlib.sha256((DRAW_PREFIX + seed).encode()).digest()
    return int.from_bytes(digest, "big") % rows


def values_at(variables: Variables, row: int) -> dict[str, str]:
    """Each variable's value in this row (`row mod length` for a shorter list)."""
    return {name: values[row % len(values)] for name, values in variables.items() if values}


def substitute(text: str, values: Mapping[str, str]) -> str:
    """The text with each `@{name}` replaced by its value; unknown names are left as is."""
    if not values:
        return text
    return VARIABLE.sub(lambda match: values.get(match.group(1), match.group(0)), text)
