"""The end of a practice session, read back: what changed, what to look at, what next."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from learnloop.content.item_instances import draw_seed, item_instance
from learnloop.content.item_parts import parts_of
from learnloop.content.models import Activity, ActivityKind, Item, Status
from learnloop.engine.levels import Level
from learnloop.engine.practice_policy import EndReason
from learnloop.learning.answers import correct_answer, describe_answer
from learnloop.learning.models import PracticeSession, Response
from learnloop.learning.standing import levels_for
from learnloop.standards.models import Standard

MISTAKES_SHOWN = 10


@dataclass(frozen=True)
class LevelChange:
    code: str
    statement: str
    before: Level
    after: Level

    @property
    def moved(self) -> bool:
        return self.before != self.after

    @property
    def direction(self) -> str:
        if self.after > self.before:
            return "up"
        return "down" if self.after < self.before else "same"


@dataclass(frozen=True)
class Mistake:
    item: Item
    given: str
    right_answer: str
    last_step: str = ""  # a multi-step question's last step (sanitized HTML): what was answered


@dataclass(frozen=True)
class SessionSummary:
    reason: EndReason | None
    answered: int
    right_first_time: int
    changes: list[LevelChange]
    mistakes: list[Mistake]
    lessons: list[Activity]
    steps_right: int = 0  # scaffolds (smaller steps) answered right: help, not evidence

    @property
    def moved(self) -> list[LevelChange]:
        return [change for change in self.changes if change.moved]

    @property
    def routed(self) -> bool:
        return self.reason is EndReason.ROUTED


def summary_for_session(session: PracticeSession) -> SessionSummary:
    """Levels before (stored when the session opened) and now, the session's wrong
    answers (one per item, newest first) and the lessons on the session's standards."""
    standard_ids = [int(pk) for pk in session.levels_at_start]
    standards = Standard.objects.filter(pk__in=standard_ids).order_by("code")
    now_levels = levels_for([session.student_id], standard_ids)
    changes = [
        LevelChange(
            code=standard.label,
            statement=standard.full_statement,
            before=Level(session.levels_at_start.get(str(standard.pk), 0)),
            after=now_levels.get((session.student_id, standard.pk), Level.NOT_STARTED),
        )
        for standard in standards
    ]
    reason = EndReason(session.end_reason) if session.end_reason in set(EndReason) else None
    return SessionSummary(
        reason=reason,
        answered=session.answered,
        right_first_time=session.answered_correctly,
        steps_right=len((session.scaffold_answers or {}).get("right", [])),
        changes=changes,
        mistakes=_mistakes(session),
        lessons=list(
            Activity.objects.filter(
                kind=ActivityKind.LESSON, status=Status.PUBLISHED, standards__in=standard_ids
            )
            .distinct()
            .order_by("title")[:5]
        ),
    )


def _mistakes(session: PracticeSession) -> list[Mistake]:
    responses = (
        Response.objects.filter(
            student_id=session.student_id,
            activity_id=session.activity_id,
            created_at__gte=session.started_at,
            created_at__lte=session.finished_at or timezone.now(),
            correct=False,
        )
        .select_related("item")
        .prefetch_related("item__choices")
        .order_by("-created_at", "-pk")
    )
    seen: set[int] = set()
    mistakes = []
    for response in responses:
        if response.item_id in seen or len(mistakes) >= MISTAKES_SHOWN:
            continue
        seen.add(response.item_id)
        seed = draw_seed(response.student_id, response.drawn_with)
        shown = item_instance(response.item, seed)
        steps = parts_of(response.item, seed)
        mistakes.append(
            Mistake(
                shown.item,
                describe_answer(shown.item, response.answer, shown.choices),
                correct_answer(shown.item, shown.choices),
                steps[-1].text if steps else "",
            )
        )
    return mistakes
