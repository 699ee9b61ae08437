"""Reads for the placement pages: a student's checks, a friendly result, a class's map.

A placed standard is "known" at a probability of one half or more. "Start here" is a
standard not yet known whose prerequisites (in the course) are all known: the edge of
what the student knows, where the choice board will begin. The rest is "later".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q

from learnloop.accounts.models import User
from learnloop.placement.course import Course, course_for
from learnloop.placement.models import PlacementAttempt, PlacementCheck
from learnloop.schools.models import Classroom
from learnloop.standards.models import Standard


class Place(StrEnum):
    KNOWN = "known"
    START = "start"
    LATER = "later"


@dataclass(frozen=True)
class CheckRow:
    check: PlacementCheck
    attempt: PlacementAttempt | None

    @property
    def finished(self) -> bool:
        return self.attempt is not None and self.attempt.finished_at is not None


def checks_for_student(student: User) -> list[CheckRow]:
    """The checks given to the student (their classes', whole-class or theirs), newest
    first, each with the student's attempt: two queries."""
    checks = list(
        PlacementCheck.objects.filter(classroom__enrollments__student=student)
        .filter(Q(student__isnull=True) | Q(student=student))
        .select_related("framework", "classroom")
        .distinct()
    )
    attempts = {
        a.placement_check_id: a
        for a in PlacementAttempt.objects.filter(
            student=student, placement_check__in=[c.pk for c in checks]
        )
    }
    return [CheckRow(check, attempts.get(check.pk)) for check in checks]


def places_from(estimates: Mapping[str, float], course: Course) -> dict[str, Place]:
    """Each standard of the course placed as known, start here, or later."""
    known = {key for key, p in estimates.items() if p >= 0.5}
    before: dict[str, set[str]] = {key: set() for key in course.standards}
    for first, then in course.engine.prerequisites:
        before[then].add(first)
    return {
        key: Place.KNOWN if key in known else (Place.START if before[key] <= known else Place.LATER)
        for key in course.standards
        if key in estimates
    }


@dataclass(frozen=True)
class Result:
    """What the student sees at the end: what they already know, where they start."""

    known: list[Standard]
    start: list[Standard]
    later: list[Standard]
    questions: int


def result_for(attempt: PlacementAttempt, course: Course) -> Result:
    places = places_from(attempt.estimates, course)
    by_place: dict[Place, list[Standard]] = {place: [] for place in Place}
    for key, standard in course.standards.items():
        if key in places:
            by_place[places[key]].append(standard)
    return Result(
        by_place[Place.KNOWN], by_place[Place.START], by_place[Place.LATER], len(attempt.answers)
    )


def summary_of(result: Result) -> dict[str, object]:
    """The result in short, kept on the attempt for My learning's card (JSON)."""
    return {
        "known": len(result.known),
        "start": [[standard.pk, standard.label] for standard in result.start],
        "later": len(result.later),
    }


@dataclass(frozen=True)
class MapRow:
    student: User
    cells: list[Place | None]  # None: not placed yet
    questions: int | None


@dataclass(frozen=True)
class ClassMap:
    """One check's starting map: students (rows) by the course's standards (columns)."""

    check: PlacementCheck
    standards: list[Standard]
    rows: list[MapRow]

    @property
    def finished(self) -> int:
        return sum(1 for row in self.rows if row.questions is not None)


def class_maps(classroom: Classroom) -> list[ClassMap]:
    """Every placement check of the class, newest first, each with its starting map.
    A fixed number of queries per check, whatever the number of students."""
    students = list(
        User.objects.filter(enrollments__classroom=classroom).order_by("last_name", "first_name")
    )
    checks = list(
        PlacementCheck.objects.filter(classroom=classroom).select_related("framework", "student")
    )
    attempts: dict[tuple[int, int], PlacementAttempt] = {
        (a.placement_check_id, a.student_id): a
        for a in PlacementAttempt.objects.filter(
            placement_check__in=[c.pk for c in checks], finished_at__isnull=False
        )
    }
    courses: dict[int, Course] = {}
    maps = []
    for check in checks:
        if check.framework_id not in courses:
            courses[check.framework_id] = course_for(check.framework)
        course = courses[check.framework_id]
        who = [s for s in students if check.student_id in (None, s.pk)]
        rows = []
        for student in who:
            attempt = attempts.get((check.pk, student.pk))
            places = places_from(attempt.estimates, course) if attempt else {}
            cells = [places.get(key) for key in course.standards]
            rows.append(MapRow(student, cells, len(attempt.answers) if attempt else None))
        maps.append(ClassMap(check, list(course.standards.values()), rows))
    return maps
