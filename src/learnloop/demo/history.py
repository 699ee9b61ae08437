"""Realistic answer histories for the demo students, from the engine's simulator.

Each student gets a pace (fast, steady, struggling, or one with a recent gap), works
along the unit in prerequisite order over the last five weeks of school days, and
answers the demo practice items; correctness comes from BKT learners with a personal
ability (learnloop.engine.simulate). Mastery states are then derived from the log by
the same code the app uses (`rebuild_mastery`), so the teacher's heatmap and every
student's board start from a class worth acting on. Deterministic and idempotent: a
student who already has demo history is left alone.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zlib
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
from django.utils import timezone

from learnloop.content.grading_adapter import grade_item
from learnloop.content.models import Activity, ActivityKind, Item, ItemKind, Source
from learnloop.engine.simulate import simulate
from learnloop.engine.tracing import BKTParams
from learnloop.learning.models import Response
from learnloop.learning.services import rebuild_mastery
from learnloop.standards.models import AssociationType, Standard, StandardAssociation

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

NAMESPACE = uuid.UUID("6f1d2c1e-8a53-4f7b-9a59-5d1f0c2b7e11")
DAYS_BACK = 35


@dataclass(frozen=True)
class Pace:
    name: str
    standards: int  # how far along the unit the student has come
    ability: float  # IRT ability shift on the logit scale
    attempts: tuple[int, int]  # items per standard, low..high
    gap_days: int = 0  # no activity in the last gap_days


PACES = {
    "fast": Pace("fast", 11, 1.0, (5, 9)),
    "steady": Pace("steady", 8, 0.2, (5, 9)),
    "struggling": Pace("struggling", 5, -1.2, (7, 12)),
    "gap": Pace("gap", 6, -0.2, (5, 8), gap_days=10),
}
PACE_BY_STUDENT = {
    "maya": "steady",
    "jamal": "struggling",
    "liam": "gap",
    "priya": "fast",
    "diego": "gap",
    "kwame": "struggling",
}
PACE_CYCLE = ("steady", "fast", "steady", "struggling", "steady", "fast", "gap")


def seed_demo_history(demo: DemoSchool) -> None:
    """Seed step: answer histories for every demo student who has none yet."""
    path = learning_path()
    items = practice_items(path)
    if not path or not items:
        return
    new_students = [
        s
        for s in demo.students
        if not Response.objects.filter(student=s, client_id=_client_id(s.username, 0)).exists()
    ]
    today = timezone.now()
    for index, student in enumerate(demo.students):
        if student not in new_students:
            continue
        pace = PACES[PACE_BY_STUDENT.get(student.username, PACE_CYCLE[index % len(PACE_CYCLE)])]
        Response.objects.bulk_create(_history(student, pace, path, items, today), batch_size=500)
    if new_students:
        rebuild_mastery(student_ids=[s.pk for s in new_students])


def learning_path() -> list[Standard]:
    """The unit's leaf standards in an order that respects `precedes` (prerequisites first)."""
    from learnloop.standards.demo_framework import TITLE

    leaves = list(
        Standard.objects.filter(framework__title=TITLE, children__isnull=True).order_by("code")
    )
    ids = {s.pk for s in leaves}
    before: dict[int, set[int]] = {s.pk: set() for s in leaves}
    for origin, destination in StandardAssociation.objects.filter(
        association_type=AssociationType.PRECEDES, origin_id__in=ids, destination_id__in=ids
    ).values_list("origin_id", "destination_id"):
        before[destination].add(origin)
    ordered: list[Standard] = []
    remaining = list(leaves)
    while remaining:
        ready = [s for s in remaining if before[s.pk] <= {o.pk for o in ordered}] or remaining[:1]
        ordered.append(ready[0])
        remaining.remove(ready[0])
    return ordered


def practice_items(path: list[Standard]) -> dict[int, list[Item]]:
    practices = Activity.objects.filter(
        kind=ActivityKind.PRACTICE, source=Source.GENERATED, standards__in=path
    )
    result: dict[int, list[Item]] = {}
    for practice in practices.prefetch_related("standards", "items__choices", "items__standards"):
        for standard in practice.standards.all():
            result.setdefault(standard.pk, []).extend(practice.items.all())
    return result


def _client_id(username: str, index: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{username}:{index}")


def _history(student, pace: Pace, path, items, today: dt.datetime, key: str = "") -> list[Response]:  # type: ignore[no-untyped-def]
    """`key` keeps a second history of the same student (another class) apart: its own
    random stream and client ids."""
    rng = np.random.default_rng(zlib.crc32((key + student.username).encode()))
    covered = [s for s in path[: pace.standards] if s.pk in items]
    counts = rng.integers(pace.attempts[0], pace.attempts[1] + 1, len(covered))
    counts[-2:] = rng.integers(2, 5, len(counts[-2:]))  # still working on the last two
    skills = [BKTParams(prior=0.1, learn=0.12, guess=0.2, slip=0.12) for _ in covered]
    simulated = simulate(
        skills,
        1,
        int(counts.max(initial=1)),
        rng,
        ability_sd=0.0,
        difficulty=[-pace.ability] * len(covered),
    )
    moments = _school_moments(int(counts.sum()), pace, today, rng)
    responses: list[Response] = []
    for k, standard in enumerate(covered):
        for attempt in range(int(counts[k])):
            item = items[standard.pk][attempt % len(items[standard.pk])]
            correct = bool(simulated.correct[0, k, attempt])
            responses.append(
                _response(
                    student,
                    item,
                    standard,
                    correct,
                    moments[len(responses)],
                    len(responses),
                    rng,
                    key,
                )
            )
    return responses


def _school_moments(
    count: int, pace: Pace, today: dt.datetime, rng: np.random.Generator
) -> list[dt.datetime]:
    """Sorted answer times on weekdays in school hours, none in the last `gap_days`."""
    start = today - dt.timedelta(days=DAYS_BACK)
    end = today - dt.timedelta(days=max(pace.gap_days, 0), hours=2)
    days = [start + dt.timedelta(days=d) for d in range((end - start).days + 1)]
    weekdays = [d for d in days if d.weekday() < 5] or days
    picks = sorted(rng.choice(len(weekdays), size=count, replace=True))
    times = []
    for order, pick in enumerate(picks):
        day = weekdays[pick].replace(hour=9, minute=0, second=0, microsecond=0)
        times.append(day + dt.timedelta(minutes=int(rng.integers(0, 360)), seconds=order))
    return sorted(min(t, end) for t in times)


def _response(
    student,
    item: Item,
    standard: Standard,
    correct: bool,
    when: dt.datetime,
    index: int,
    rng: np.random.Generator,
    key: str = "",
) -> Response:  # type: ignore[no-untyped-def]
    answer = _answer_for(item, correct)
    grade = grade_item(item, answer)
    return Response(
        student=student,
        client_id=_client_id(key + student.username, index),
        item=item,
        answer=answer,
        correct=grade.correct,
        score=grade.score,
        hints_used=int(rng.integers(0, 2)) if not correct else 0,
        seconds=int(rng.integers(25, 180)),
        standard_ids=[standard.pk],
        created_at=when,
    )


def _answer_for(item: Item, correct: bool) -> str | list[str]:
    """What a student plausibly typed: the key when right, a near miss when wrong."""
    choices = list(item.choices.all())
    if item.kind in (ItemKind.SINGLE_CHOICE, ItemKind.MULTIPLE_CHOICE):
        right = [c.identifier for c in choices if c.is_correct]
        wrong = [c.identifier for c in choices if not c.is_correct] or right
        picked = right if correct else wrong[:1]
        return picked if item.kind == ItemKind.MULTIPLE_CHOICE else picked[0]
    if item.kind == ItemKind.NUMERIC and item.numeric_answer is not None:
        value = item.numeric_answer if correct else item.numeric_answer * 2 + 1
        return format(value.normalize(), "f")
    accepted = list(item.accepted_answers) or ["?"]
    if item.kind == ItemKind.MATH and not correct:
        try:  # a readable near miss: one off when the key is a number (math refuses words)
            return str(Fraction(accepted[0].strip()) + 1)
        except (ValueError, ZeroDivisionError):
            return f"{accepted[0]}+1"
    return accepted[0] if correct else "not sure"


def simulated_history(
    student, pace: str, path: list[Standard], items: dict[int, list[Item]], *, key: str
) -> list[Response]:  # type: ignore[no-untyped-def]
    """The answers of one student at `pace` along `path` (not yet stored), for another
    class than the demo unit's: `key` names that class, keeping its client ids apart."""
    return _history(student, PACES[pace], path, items, timezone.now(), key)


def key_answer(item: Item) -> str | list[str]:
    """What a student who knows the answer types: the item's key."""
    return _answer_for(item, True)
