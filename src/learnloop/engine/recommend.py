"""The choice board: 3 to 6 next steps, ranked, each with its reason in plain words.

A pure function over plain data, so the web app, tests and simulations share it.
Order of precedence, from the design: what the teacher assigned and what was agreed in
a conference come first; then review that is due, practice in the zone of proximal
development, and new standards on the ready-to-learn frontier (prerequisites mastered);
then variety of modality and the student's interests break ties. The student may pick
anything else too: the board proposes, it does not decide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from learnloop.engine.levels import MASTERY_THRESHOLD, Level

MIN_OPTIONS = 3
MAX_OPTIONS = 6
# At most this many options of one kind, so the board offers a real choice.
KIND_CAPS = {"review": 2, "practice": 3, "lesson": 2, "project": 1, "stretch": 2}
ZPD_LOW = 0.35  # below this a student is not yet in reach: learn first (a lesson)


@dataclass(frozen=True)
class StandardView:
    """What the board needs to know about one standard for one student."""

    standard_id: int
    code: str
    mastery: float
    level: Level
    attempts: int
    prerequisite_ids: tuple[int, ...] = ()
    review_due: datetime | None = None
    items_to_mastery: int | None = None


@dataclass(frozen=True)
class ActivityView:
    activity_id: int
    title: str
    kind: str  # practice | lesson | project | quiz
    modality: str  # read | watch | do | make | discuss
    standard_ids: tuple[int, ...]
    minutes: int = 10
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Commitment:
    """Something the teacher asked for: an assignment or an agreed conference action."""

    key: str
    title: str
    reason: str
    activity_id: int | None = None
    due: datetime | None = None


@dataclass(frozen=True)
class Option:
    key: str
    kind: str  # assignment | action | review | practice | lesson | project | stretch
    title: str
    reason: str
    activity_id: int | None = None
    standard_id: int | None = None
    modality: str | None = None
    score: float = 0.0


@dataclass(frozen=True)
class BoardInput:
    standards: Sequence[StandardView]
    activities: Sequence[ActivityView]
    commitments: Sequence[Commitment] = ()
    interests: frozenset[str] = frozenset()
    recent_modalities: Sequence[str] = ()
    now: datetime | None = None
    exclude_activity_ids: frozenset[int] = field(default_factory=frozenset)


def choice_board(board: BoardInput, limit: int = MAX_OPTIONS) -> list[Option]:
    """Ranked options: commitments first, then the best of the engine's proposals."""
    committed = [_commitment_option(c, index) for index, c in enumerate(board.commitments)]
    proposals = sorted(_proposals(board), key=lambda option: -option.score)
    chosen = committed[:limit]
    used_activities = {option.activity_id for option in chosen if option.activity_id is not None}
    modalities: Counter[str | None] = Counter(board.recent_modalities[-3:])
    while len(chosen) < limit and proposals:
        best = max(proposals, key=lambda option: option.score - 0.15 * modalities[option.modality])
        proposals.remove(best)
        if best.activity_id in used_activities or best.standard_id in _standards_of(chosen):
            continue
        if sum(1 for option in chosen if option.kind == best.kind) >= KIND_CAPS.get(best.kind, 9):
            continue
        chosen.append(best)
        if best.activity_id is not None:
            used_activities.add(best.activity_id)
        modalities[best.modality] += 1
    if len(chosen) < MIN_OPTIONS:
        chosen.extend(_stretch_options(board, chosen, MIN_OPTIONS - len(chosen)))
    return chosen


def _stretch_options(board: BoardInput, chosen: Sequence[Option], wanted: int) -> list[Option]:
    """Too little is ready: offer standards whose prerequisites are still being learned."""
    by_id = {view.standard_id: view for view in board.standards}
    taken = {option.activity_id for option in chosen} | set(board.exclude_activity_ids)
    covered = _standards_of(chosen)
    stretches: list[Option] = []
    for view in sorted(board.standards, key=lambda v: (_unmastered(v, by_id), v.code)):
        if len(stretches) >= wanted:
            break
        if view.standard_id in covered or view.level >= Level.MASTERED:
            continue
        want = _Want("stretch", ("lesson", "practice", "quiz"), 10.0, _stretch_reason(view, by_id))
        option = _with_activity(
            view, [a for a in board.activities if a.activity_id not in taken], board, want
        )
        if option is not None:
            stretches.append(option)
            taken.add(option.activity_id)
    return stretches


def _unmastered(view: StandardView, by_id: Mapping[int, StandardView]) -> int:
    return sum(
        1 for p in view.prerequisite_ids if p in by_id and by_id[p].mastery < MASTERY_THRESHOLD
    )


def _stretch_reason(view: StandardView, by_id: Mapping[int, StandardView]) -> str:
    learning = [
        by_id[p].code
        for p in view.prerequisite_ids
        if p in by_id and by_id[p].mastery < MASTERY_THRESHOLD
    ]
    if not learning:
        return f"Try {view.code}: a fresh start."
    return f"A stretch: {view.code} builds on {', '.join(learning)}, which you're still learning."


def _standards_of(options: Sequence[Option]) -> set[int]:
    return {option.standard_id for option in options if option.standard_id is not None}


def _commitment_option(commitment: Commitment, index: int) -> Option:
    kind = "assignment" if commitment.key.startswith("assignment") else "action"
    return Option(
        key=commitment.key,
        kind=kind,
        title=commitment.title,
        reason=commitment.reason,
        activity_id=commitment.activity_id,
        score=100.0 - index,
    )


def _proposals(board: BoardInput) -> list[Option]:
    by_id = {view.standard_id: view for view in board.standards}
    activities = [a for a in board.activities if a.activity_id not in board.exclude_activity_ids]
    options: list[Option] = []
    for view in board.standards:
        option = _option_for_standard(view, by_id, activities, board)
        if option is not None:
            options.append(option)
    return options


@dataclass(frozen=True)
class _Want:
    """What kind of step suits a standard now, before an activity is picked for it."""

    kind: str
    activity_kinds: tuple[str, ...]
    score: float
    reason: str
    practice_reason: str | None = None  # when a lesson was wanted but only practice exists


def _want_for(
    view: StandardView, by_id: Mapping[int, StandardView], now: datetime | None
) -> _Want | None:
    review_due = view.review_due is not None and now is not None and view.review_due <= now
    if review_due and view.level >= Level.PROFICIENT:
        return _Want("review", ("practice",), 60.0, f"Time to review {view.code} so it sticks.")
    if view.level >= Level.MASTERED:
        reason = f"You've mastered {view.code}: show it off in a project."
        return _Want("project", ("project",), 20.0, reason)
    if view.attempts > 0 and view.mastery >= ZPD_LOW:
        score = 50.0 + 20.0 * view.mastery
        return _Want("practice", ("practice", "quiz"), score, _close_reason(view))
    if _ready_to_learn(view, by_id):
        score = 40.0 - len(view.prerequisite_ids)
        again = f"Have another go at {view.code}: the hints are there to help."
        reason = _frontier_reason(view, by_id)
        return _Want(
            "lesson", ("lesson", "practice"), score, reason, reason if not view.attempts else again
        )
    return None


def _option_for_standard(
    view: StandardView,
    by_id: Mapping[int, StandardView],
    activities: Sequence[ActivityView],
    board: BoardInput,
) -> Option | None:
    want = _want_for(view, by_id, board.now)
    return None if want is None else _with_activity(view, activities, board, want)


def _ready_to_learn(view: StandardView, by_id: Mapping[int, StandardView]) -> bool:
    """Ready when every prerequisite is at least proficient (mastery is not required)."""
    prerequisites = [by_id[p] for p in view.prerequisite_ids if p in by_id]
    return all(p.level >= Level.PROFICIENT for p in prerequisites)


def _close_reason(view: StandardView) -> str:
    if view.items_to_mastery is not None and view.items_to_mastery <= 5:
        items = (
            "1 more item" if view.items_to_mastery == 1 else f"{view.items_to_mastery} more items"
        )
        return f"You're close on {view.code}: about {items}."
    return f"Keep building {view.code}: you're {view.level.label.lower()} and growing."


def _frontier_reason(view: StandardView, by_id: Mapping[int, StandardView]) -> str:
    codes = [by_id[p].code for p in view.prerequisite_ids if p in by_id]
    if view.attempts == 0 and codes:
        return f"Ready to learn {view.code}: you're solid on {', '.join(codes)}."
    if view.attempts == 0:
        return f"Start {view.code}: a good next step."
    return f"Learn more about {view.code} before practicing again."


def _with_activity(
    view: StandardView, activities: Sequence[ActivityView], board: BoardInput, want: _Want
) -> Option | None:
    """The best activity of the wanted kinds for this standard, preferring interests."""
    kinds = want.activity_kinds
    candidates = [a for a in activities if view.standard_id in a.standard_ids and a.kind in kinds]
    if not candidates:
        return None
    best = max(candidates, key=lambda a: (-kinds.index(a.kind), _interest(a, board), -a.minutes))
    fallback = want.kind == "lesson" and best.kind != "lesson"
    return Option(
        key=f"{want.kind}:{view.standard_id}:{best.activity_id}",
        kind=best.kind if fallback else want.kind,
        title=best.title,
        reason=(want.practice_reason or want.reason) if fallback else want.reason,
        activity_id=best.activity_id,
        standard_id=view.standard_id,
        modality=best.modality,
        score=want.score + 5.0 * _interest(best, board),
    )


def _interest(activity: ActivityView, board: BoardInput) -> int:
    return len(board.interests.intersection(activity.interests))
