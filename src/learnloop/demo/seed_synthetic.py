"""Seed a synthetic district: the service behind `learnloop seed-synthetic`."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from learnloop.demo.bulk import analyze
from learnloop.demo.synthetic import build_district
from learnloop.demo.synthetic_history import seed_history
from learnloop.learning.catalog import forget_catalogs
from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.models import MasteryState

ANALYZED = (
    "learning_response",
    "learning_masterystate",
    "learning_studenttrace",
    "accounts_user",
    "schools_enrollment",
)


@dataclass(frozen=True)
class SeedReport:
    students: int
    classrooms: int
    responses: int
    states: int
    timings: dict[str, float]


def seed_synthetic(
    *, students: int, responses: int, seed: int = 8, progress: Callable[[str], None] = print
) -> SeedReport:
    """Build the district, then its histories and derived states; timings per phase."""
    if students < 1 or responses < 0:
        raise ValueError("need at least one student and no negative count of responses")
    district = build_district(students=students)
    started = time.perf_counter()
    written = seed_history(district, responses=responses, seed=seed, progress=progress)
    history_done = time.perf_counter()
    analyze(ANALYZED)
    forget_cached_model()
    forget_catalogs()
    timings = {
        **district.timings,
        "history_s": history_done - started,
        "analyze_s": time.perf_counter() - history_done,
    }
    return SeedReport(
        students=len(district.student_ids),
        classrooms=len(district.classrooms),
        responses=written,
        states=MasteryState.objects.count(),
        timings=timings,
    )
