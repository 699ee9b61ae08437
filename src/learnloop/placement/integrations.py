"""What the placement app lends to other apps: My learning's placement card, and the
seeds that a rebuild of the mastery states replays (`learning.starting_estimates`).

The card reads in one statement, whatever the number of checks: the checks given to
the student (their classes', whole-class or theirs), each with the student's attempt's
start, end and short result (`PlacementAttempt.summary`) as subqueries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery

from learnloop.accounts.models import User
from learnloop.learning.page_extras import PageCard
from learnloop.learning.starting_estimates import StartingEstimate
from learnloop.placement.models import PlacementAttempt, PlacementCheck
from learnloop.schools.models import Enrollment


@dataclass(frozen=True)
class PendingCheck:
    pk: int
    course: str
    started: bool


@dataclass(frozen=True)
class PlacedResult:
    pk: int
    course: str
    known: int
    start: list[tuple[int, str]]  # (standard id, code)
    later: int
    summarised: bool  # False: finished before attempts kept a summary (only the link)


@dataclass(frozen=True)
class PlacementCard:
    pending: list[PendingCheck]
    result: PlacedResult | None


def placement_card_for(student: User) -> PlacementCard | None:
    """The checks still to take (newest first) and the newest result; None when the
    student was given no check. One query."""
    mine = PlacementAttempt.objects.filter(placement_check=OuterRef("pk"), student=student)
    checks = (
        PlacementCheck.objects.filter(
            classroom_id__in=Enrollment.objects.filter(student=student).values("classroom_id")
        )
        .filter(Q(student__isnull=True) | Q(student=student))
        .select_related("framework")
        .annotate(
            my_started=Exists(mine),
            my_finished_at=Subquery(mine.values("finished_at")[:1]),
            my_summary=Subquery(mine.values("summary")[:1]),
        )
    )
    pending, result = [], None
    for check in checks:
        course = check.framework.title
        if check.my_finished_at is None:  # type: ignore[attr-defined]
            pending.append(PendingCheck(check.pk, course, check.my_started))  # type: ignore[attr-defined]
        elif result is None:  # newest first: the newest finished check
            summary = check.my_summary or {}  # type: ignore[attr-defined]
            start = [(int(pk), str(code)) for pk, code in summary.get("start", [])]
            result = PlacedResult(
                check.pk,
                course,
                int(summary.get("known", 0)),
                start,
                int(summary.get("later", 0)),
                summarised="start" in summary,
            )
    if not pending and result is None:
        return None
    return PlacementCard(pending, result)


def my_learning_cards(*, student: User, **_: Any) -> list[PageCard]:
    card = placement_card_for(student)
    if card is None:
        return []
    return [PageCard("placement/cards/my_learning.html", {"placement": card}, "top", order=20)]


def placement_seeds(student_ids: Sequence[int] | None) -> list[StartingEstimate]:
    """What every finished placement seeded (`services.seed_placement_estimates`): each
    standard's probability, when the check ended. An attempt with no answer (a course
    with nothing to ask) seeded nothing. One query."""
    attempts = PlacementAttempt.objects.filter(finished_at__isnull=False)
    if student_ids is not None:
        attempts = attempts.filter(student_id__in=student_ids)
    return [
        StartingEstimate(student_id, int(standard_id), float(probability), finished_at)
        for student_id, estimates, answers, finished_at in attempts.values_list(
            "student_id", "estimates", "answers", "finished_at"
        )
        if answers
        for standard_id, probability in estimates.items()
    ]


def register_everywhere() -> None:
    from learnloop.learning import page_extras, starting_estimates

    page_extras.MY_LEARNING.register(my_learning_cards)
    starting_estimates.STARTING_ESTIMATES.register(placement_seeds)
