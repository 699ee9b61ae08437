"""Evidence: anything that supports a level on a standard, from any part of the product.

Each source is a function that, for a set of students and standards, returns its
Evidence in a fixed number of queries (so a class page costs the same for 5 or 35
students). The gradebook ships two sources (engine practice, teacher observations);
other apps register theirs in AppConfig.ready() with `EVIDENCE_SOURCES.register` — conferences adds
conference notes, and the portfolio will add `kind="rubric"` scores the same way,
without any change to the gradebook's rule or pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from learnloop.core.slots import Slot
from learnloop.engine.levels import Level
from learnloop.engine.standing import practice_weight
from learnloop.gradebook.models import Observation
from learnloop.learning.models import MasteryState

OBSERVATION_WEIGHT = 1.0


@dataclass(frozen=True)
class Evidence:
    student_id: int
    standard_id: int
    kind: str  # practice | observation | conference | rubric | ...
    level: int  # engine.levels.Level, 1..4
    weight: float
    observed_at: datetime
    label: str  # one line a person reads: "12 answers, 9 right"
    url: str = ""  # where the evidence itself can be opened, for the teacher

    @property
    def level_enum(self) -> Level:
        return Level(self.level)


EvidenceSource = Callable[[Sequence[int], Sequence[int]], Iterable[Evidence]]
EVIDENCE_SOURCES: Slot[EvidenceSource] = Slot("gradebook.evidence")


def evidence_for(student_ids: Sequence[int], standard_ids: Sequence[int]) -> list[Evidence]:
    found: list[Evidence] = []
    for source in EVIDENCE_SOURCES:
        found.extend(source(student_ids, standard_ids))
    return sorted(found, key=lambda e: e.observed_at, reverse=True)


def practice_evidence(student_ids: Sequence[int], standard_ids: Sequence[int]) -> list[Evidence]:
    """The engine's current belief, weighted by how many answers stand behind it."""
    states = MasteryState.objects.filter(
        student_id__in=student_ids, standard_id__in=standard_ids, attempts__gt=0
    ).only(
        "student_id", "standard_id", "level", "attempts", "successes", "last_practiced_at",
        "updated_at",
    )  # fmt: skip
    return [
        Evidence(
            student_id=state.student_id,
            standard_id=state.standard_id,
            kind="practice",
            level=state.level,
            weight=practice_weight(state.attempts),
            observed_at=state.last_practiced_at or state.updated_at,
            label=f"Practice: {state.successes} right out of {state.attempts} answers",
        )
        for state in states
        if state.level > Level.NOT_STARTED
    ]


def observation_evidence(student_ids: Sequence[int], standard_ids: Sequence[int]) -> list[Evidence]:
    observations = Observation.objects.filter(
        student_id__in=student_ids, standard_id__in=standard_ids
    ).select_related("observer")
    return [
        Evidence(
            student_id=o.student_id,
            standard_id=o.standard_id,
            kind="observation",
            level=o.level,
            weight=OBSERVATION_WEIGHT,
            observed_at=o.observed_at,
            label=f"Observed by {o.observer.name}: {o.note}"
            if o.note
            else f"Observed by {o.observer.name}",
            url=reverse("gradebook_student", args=[o.student_id]) + f"#observation-{o.pk}",
        )
        for o in observations
    ]
