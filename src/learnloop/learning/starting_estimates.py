"""Starting estimates that other apps give a student's mastery states, kept by a rebuild.

A placement check (ADR 0015) starts a standard's mastery state at its probability where
practice has not yet answered anything. `rebuild_mastery` replays the response log from
the model's prior, so it asks the apps registered in STARTING_ESTIMATES for their seeds
and replays them as starting estimates before the log: a seed counts for a standard when
it came before the student's first answer on it (at the time, practice had said nothing
yet), and the latest such seed wins, as it did when the seeds were written. Keeping the
slot here lets learning stay ignorant of where the seeds come from.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from learnloop.core.slots import Slot


@dataclass(frozen=True)
class StartingEstimate:
    """One seed: the probability that the student knows the standard, and when."""

    student_id: int
    standard_id: int
    probability: float
    when: datetime


StartingEstimateSource = Callable[[Sequence[int] | None], Iterable[StartingEstimate]]
STARTING_ESTIMATES: Slot[StartingEstimateSource] = Slot(
    "learning.starting_estimates",
    doc="seeds a rebuild of the mastery states replays before the log (placement)",
    query_budget=1,
)


class Seeds:
    """One student's seeds, per standard in time order."""

    def __init__(self, estimates: Iterable[StartingEstimate] = ()) -> None:
        self._by_standard: dict[int, list[StartingEstimate]] = defaultdict(list)
        for estimate in estimates:
            self._by_standard[estimate.standard_id].append(estimate)
        for found in self._by_standard.values():
            found.sort(key=lambda e: e.when)

    def before(self, standard_id: int, when: datetime) -> StartingEstimate | None:
        """The latest seed of the standard no later than `when` (the first answer)."""
        found = self._by_standard.get(standard_id, [])
        index = bisect.bisect_right([e.when for e in found], when)
        return found[index - 1] if index else None

    def latest(self) -> dict[int, StartingEstimate]:
        """Each seeded standard's latest seed (for standards the log never answers)."""
        return {standard_id: found[-1] for standard_id, found in self._by_standard.items()}


def seeds_by_student(student_ids: Sequence[int] | None) -> dict[int, Seeds]:
    """Every registered source's seeds for these students (None: everyone)."""
    grouped: dict[int, list[StartingEstimate]] = defaultdict(list)
    for source in STARTING_ESTIMATES:
        for estimate in source(student_ids):
            grouped[estimate.student_id].append(estimate)
    return {student_id: Seeds(found) for student_id, found in grouped.items()}
