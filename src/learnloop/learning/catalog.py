"""What the choice board ranks over, for one set of frameworks, cached per process.

Leaf standards, their prerequisites and the published activities aligned to them change
when someone authors content, not when a student answers; yet the board needs all of
them after every answer. Building them costs a handful of queries and a few hundred
model instances (most of the answer path's time at district scale), so each process
keeps them for CATALOG_SECONDS, keyed by the set of frameworks (a district has a few);
each activity keeps its school, so a school's own activities reach only its students.
A save or delete of a framework, standard, association, activity or an activity's
standards clears this process's cache at once; other processes pick up the change
within CATALOG_SECONDS, as they do a newly fitted engine model
(`engine_state.MODEL_CACHE_SECONDS`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from learnloop.accounts.models import User
from learnloop.content.models import Activity, Status
from learnloop.engine.levels import Level
from learnloop.engine.recommend import ActivityView, StandardView
from learnloop.learning import queries
from learnloop.standards.codes import code_order
from learnloop.standards.models import AssociationType, Standard, StandardAssociation

CATALOG_SECONDS = 30.0
MAX_CATALOGS = 512
CatalogKey = tuple[int, ...]  # the frameworks followed


@dataclass(frozen=True)
class StandardEntry:
    pk: int
    label: str  # code, or a short statement when there is no code


@dataclass(frozen=True)
class Catalog:
    standards: tuple[StandardEntry, ...]  # leaf standards in natural code order
    prerequisites: dict[int, tuple[int, ...]]
    activities: tuple[tuple[int | None, ActivityView], ...]  # (school, activity), by title

    @cached_property
    def modalities(self) -> dict[int, str]:
        """Each activity's modality by id (what the student did recently, for variety)."""
        return {view.activity_id: view.modality for _, view in self.activities}

    @cached_property
    def not_started(self) -> dict[int, StandardView]:
        """Each standard as the board sees it before any answer: the same for every
        student, so built once per catalog rather than about a hundred times an answer."""
        return {
            entry.pk: StandardView(
                standard_id=entry.pk,
                code=entry.label,
                mastery=0.0,
                level=Level.NOT_STARTED,
                attempts=0,
                prerequisite_ids=self.prerequisites.get(entry.pk, ()),
            )
            for entry in self.standards
        }

    def activities_for_school(self, school_id: int | None) -> list[ActivityView]:
        """Published activities on these standards: everyone's, and the school's own."""
        return [view for owner, view in self.activities if owner is None or owner == school_id]


_catalogs: dict[CatalogKey, tuple[float, Catalog]] = {}


def framework_ids_for_student(student: User) -> tuple[int, ...]:
    """The frameworks the student's classes follow, sorted.

    Kept on the User instance, as Django keeps its permission cache: a request's user
    is loaded for that request, so the answer path asks the database once however many
    checks need it (the item's, the activity's, the board's).
    """
    cached: tuple[int, ...] | None = getattr(student, "_learnloop_framework_ids", None)
    if cached is not None:
        return cached
    return remember_framework_ids(student, queries.framework_ids(student.pk))


def remember_framework_ids(student: User, found: tuple[int, ...]) -> tuple[int, ...]:
    """Keep the student's frameworks (sorted, each once) for the request, when a
    statement that needed them anyway has read them (the answer's activity check)."""
    student._learnloop_framework_ids = found  # type: ignore[attr-defined]
    return found


def knows_framework_ids(student: User) -> bool:
    """Have the student's frameworks been read in this request?"""
    return getattr(student, "_learnloop_framework_ids", None) is not None


def catalog_for_student(student: User) -> Catalog:
    """The board's catalog for the student's frameworks (one query when cached)."""
    key = framework_ids_for_student(student)
    cached = _catalogs.get(key)
    if cached is not None and time.monotonic() - cached[0] < CATALOG_SECONDS:
        return cached[1]
    if len(_catalogs) >= MAX_CATALOGS:
        _catalogs.clear()
    catalog = build_catalog(key)
    _catalogs[key] = (time.monotonic(), catalog)
    return catalog


def forget_catalogs(**_: Any) -> None:
    """Drop this process's catalogs (a signal receiver, and for tests)."""
    _catalogs.clear()


def build_catalog(framework_ids: tuple[int, ...]) -> Catalog:
    leaves = sorted(
        Standard.objects.filter(framework_id__in=framework_ids, children__isnull=True)
        .only("pk", "framework_id", "code", "abbreviated_statement", "full_statement")
        .distinct(),
        key=code_order,
    )
    ids = [standard.pk for standard in leaves]
    return Catalog(
        standards=tuple(StandardEntry(s.pk, s.label) for s in leaves),
        prerequisites=_prerequisites(ids),
        activities=_activities(ids),
    )


def _prerequisites(standard_ids: list[int]) -> dict[int, tuple[int, ...]]:
    links = StandardAssociation.objects.filter(
        association_type=AssociationType.PRECEDES,
        destination_id__in=standard_ids,
        origin__isnull=False,
    ).values_list("destination_id", "origin_id")
    result: dict[int, list[int]] = defaultdict(list)
    for destination, origin in links:
        result[destination].append(origin)
    return {key: tuple(sorted(value)) for key, value in result.items()}


def _activities(standard_ids: list[int]) -> tuple[tuple[int | None, ActivityView], ...]:
    through = Activity.standards.through.objects
    rows = list(
        Activity.objects.filter(
            status=Status.PUBLISHED,
            pk__in=through.filter(standard_id__in=standard_ids).values("activity_id"),
        )
        .order_by("title", "pk")
        .values(
            "pk", "school_id", "title", "kind", "modality", "estimated_minutes", "interest_tags"
        )
    )
    aligned: dict[int, list[int]] = defaultdict(list)
    links = (
        through.filter(activity_id__in=[row["pk"] for row in rows])
        .order_by("standard__framework", "standard__sequence", "standard__code", "standard_id")
        .values_list("activity_id", "standard_id")
    )
    for activity_id, standard_id in links:
        aligned[activity_id].append(standard_id)
    return tuple(
        (
            row["school_id"],
            ActivityView(
                activity_id=row["pk"],
                title=row["title"],
                kind=row["kind"],
                modality=row["modality"],
                standard_ids=tuple(aligned[row["pk"]]),
                minutes=row["estimated_minutes"],
                interests=tuple(row["interest_tags"] or ()),
            ),
        )
        for row in rows
    )
