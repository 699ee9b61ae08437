"""What suits each standard now, before an activity is picked for it: the board's rules.

One standard, one `Want`: review when it is due, practice in the zone of proximal
development, a lesson on the ready-to-learn frontier, a project once mastered. Two rules
override the usual choice:
- practice is failing (`practice_failing`: at least 3 wrong of the last 8 answers on the
  standard, and more than half of them): offer the lesson (an activity of kind lesson; a
  worked example is one), ranked just below the teacher's commitments, not held back by
  the cap on lessons; practice again only when there is no lesson;
- a goal standard is never dropped: it is offered whatever its state (even when its
  prerequisites are still being learned), with any activity aligned to it, and the
  ranking keeps it on the board whatever the limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime

from learnloop.engine.levels import MASTERY_THRESHOLD, Level
from learnloop.engine.recommend.inputs import StandardView
from learnloop.engine.recommend.phrases import Reason, gettext_noop

ZPD_LOW = 0.35  # below this a student is not yet in reach: learn first (a lesson)
RECENT_WINDOW = 8  # answers on a standard that say how its practice is going now
FAILING_WRONG = 3  # at least this many wrong of them, and more than half, is failing
FAILING_SCORE = 80.0  # above every usual proposal (at most 70), below commitments (100)
GOAL_BONUS = 25.0
LESSON_KINDS = ("lesson",)
ACTIVITY_KINDS = ("practice", "quiz", "lesson", "project")
# Which activity kinds are what a want's name says (else the option shows the activity's).
NATURAL_KINDS: Mapping[str, tuple[str, ...]] = {
    "review": ("practice", "quiz"),
    "practice": ("practice", "quiz"),
    "lesson": LESSON_KINDS,
    "project": ("project",),
    "stretch": ACTIVITY_KINDS,
}


@dataclass(frozen=True)
class Want:
    """What kind of step suits a standard now, before an activity is picked for it."""

    kind: str
    activity_kinds: tuple[str, ...]  # in order of preference
    score: float
    reason: str
    fallback_reason: str | None = None  # when the activity is not of the wanted kind
    fallback_score: float | None = None
    goal: bool = False  # the ranking never drops it
    uncapped: bool = False  # not held back by KIND_CAPS


def practice_failing(view: StandardView) -> bool:
    """Practice on the standard is failing now: >= 3 wrong of its last answers (at most
    RECENT_WINDOW of them), more than half of them wrong."""
    return view.recent_wrong >= FAILING_WRONG and 2 * view.recent_wrong > view.recent_answers


def want_for(
    view: StandardView, by_id: Mapping[int, StandardView], now: datetime | None
) -> Want | None:
    want = _lesson_after_failing(view) if practice_failing(view) else None
    want = want or _usual_want(view, by_id, now)
    return _for_goal(view, want) if view.goal else want


def _lesson_after_failing(view: StandardView) -> Want:
    hard = Reason(
        gettext_noop(
            "Practice on %(code)s has been hard (%(wrong)s of your last %(answers)s answers "
            "were wrong): this lesson explains it step by step."
        ),
        code=view.code,
        wrong=view.recent_wrong,
        answers=view.recent_answers,
    )
    again = Reason(
        gettext_noop("Have another go at %(code)s: take the hints one at a time."), code=view.code
    )
    return Want(
        "lesson",
        (*LESSON_KINDS, "practice", "quiz"),
        FAILING_SCORE,
        hard,
        fallback_reason=again,
        fallback_score=50.0 + 20.0 * view.mastery,
        uncapped=True,
    )


def _for_goal(view: StandardView, want: Want | None) -> Want:
    """Any step on a goal standard, with any activity aligned to it when the wanted kinds
    are missing, raised in rank and marked so that the ranking keeps it."""
    if want is None:  # its prerequisites are still being learned: a stretch, but offered
        reason = Reason(
            gettext_noop("Work toward your goal on %(code)s: start with the basics."),
            code=view.code,
        )
        want = Want("stretch", ACTIVITY_KINDS, 40.0, reason)
    kinds = (*want.activity_kinds, *(k for k in ACTIVITY_KINDS if k not in want.activity_kinds))
    goal_note = Reason(gettext_noop("It's one of your goals."))
    return replace(
        want,
        activity_kinds=kinds,
        score=want.score + GOAL_BONUS,
        reason=_reason(want.reason).then(goal_note),
        fallback_reason=_reason(want.fallback_reason or _any_step_reason(view)).then(goal_note),
        fallback_score=None if want.fallback_score is None else want.fallback_score + GOAL_BONUS,
        goal=True,
    )


def _reason(text: str) -> Reason:
    return text if isinstance(text, Reason) else Reason(text.replace("%", "%%"))


def _any_step_reason(view: StandardView) -> Reason:
    return Reason(gettext_noop("Keep going on %(code)s."), code=view.code)


def _usual_want(
    view: StandardView, by_id: Mapping[int, StandardView], now: datetime | None
) -> Want | None:
    review_due = view.review_due is not None and now is not None and view.review_due <= now
    if review_due and view.level >= Level.PROFICIENT:
        reason = Reason(gettext_noop("Time to review %(code)s so it sticks."), code=view.code)
        return Want("review", ("practice",), 60.0, reason)
    if view.level >= Level.MASTERED:
        reason = Reason(
            gettext_noop("You've mastered %(code)s: show it off in a project."), code=view.code
        )
        return Want("project", ("project",), 20.0, reason)
    if view.attempts > 0 and view.mastery >= ZPD_LOW:
        score = 50.0 + 20.0 * view.mastery
        return Want("practice", ("practice", "quiz"), score, close_reason(view))
    if ready_to_learn(view, by_id):
        score = 40.0 - len(view.prerequisite_ids)
        again = Reason(
            gettext_noop("Have another go at %(code)s: the hints are there to help."),
            code=view.code,
        )
        reason = _frontier_reason(view, by_id)
        return Want(
            "lesson", ("lesson", "practice"), score, reason, reason if not view.attempts else again
        )
    return None


def ready_to_learn(view: StandardView, by_id: Mapping[int, StandardView]) -> bool:
    """Ready when every prerequisite is at least proficient (mastery is not required)."""
    prerequisites = [by_id[p] for p in view.prerequisite_ids if p in by_id]
    return all(p.level >= Level.PROFICIENT for p in prerequisites)


def close_reason(view: StandardView) -> Reason:
    if view.items_to_mastery == 1:
        return Reason(gettext_noop("You're close on %(code)s: about 1 more item."), code=view.code)
    if view.items_to_mastery is not None and view.items_to_mastery <= 5:
        return Reason(
            gettext_noop("You're close on %(code)s: about %(count)s more items."),
            code=view.code,
            count=view.items_to_mastery,
        )
    return Reason(
        gettext_noop("Keep building %(code)s: you're %(level)s and growing."),
        code=view.code,
        level=view.level,
    )


def _frontier_reason(view: StandardView, by_id: Mapping[int, StandardView]) -> Reason:
    codes = [by_id[p].code for p in view.prerequisite_ids if p in by_id]
    if view.attempts == 0 and codes:
        return Reason(
            gettext_noop("Ready to learn %(code)s: you're solid on %(codes)s."),
            code=view.code,
            codes=", ".join(codes),
        )
    if view.attempts == 0:
        return Reason(gettext_noop("Start %(code)s: a good next step."), code=view.code)
    return Reason(
        gettext_noop("Learn more about %(code)s before practicing again."), code=view.code
    )


def unmastered_prerequisites(view: StandardView, by_id: Mapping[int, StandardView]) -> list[str]:
    """The codes of the standard's prerequisites that are not mastered yet."""
    return [
        by_id[p].code
        for p in view.prerequisite_ids
        if p in by_id and by_id[p].mastery < MASTERY_THRESHOLD
    ]


def stretch_want(view: StandardView, by_id: Mapping[int, StandardView]) -> Want:
    """Too little is ready: a standard whose prerequisites are still being learned."""
    learning = unmastered_prerequisites(view, by_id)
    if not learning:
        reason = Reason(gettext_noop("Try %(code)s: a fresh start."), code=view.code)
    else:
        reason = Reason(
            gettext_noop("A stretch: %(code)s builds on %(codes)s, which you're still learning."),
            code=view.code,
            codes=", ".join(learning),
        )
    return Want("stretch", ("lesson", "practice", "quiz"), 10.0, reason)
