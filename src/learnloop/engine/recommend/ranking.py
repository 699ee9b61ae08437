"""The choice board's ranking: which options, in which order, from the rules' wants.

1. Every commitment (teacher assignments, agreed conference actions), in its order:
   never cut by the limit.
2. Every goal standard's option (`rules`): never cut either.
3. The rest by score, a modality the student just used costing a little, at most one
   option per standard and per activity and `KIND_CAPS` of each kind (a lesson offered
   because practice failed is not capped), up to the limit.
4. Fewer than MIN_OPTIONS so far: what the caps held back, then stretches (standards
   whose prerequisites are still being learned), then any other activity, until there
   are MIN_OPTIONS or nothing is left to offer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from learnloop.engine.levels import Level
from learnloop.engine.recommend.inputs import ActivityView, BoardInput, Option, StandardView
from learnloop.engine.recommend.phrases import Reason, gettext_noop
from learnloop.engine.recommend.rules import (
    NATURAL_KINDS,
    Want,
    stretch_want,
    unmastered_prerequisites,
    want_for,
)

MIN_OPTIONS = 3
MAX_OPTIONS = 6
# At most this many options of one kind, so the board offers a real choice.
KIND_CAPS = {"review": 2, "practice": 3, "lesson": 2, "project": 1, "stretch": 2}
MODALITY_COST = 0.15


@dataclass(frozen=True)
class _Proposal:
    option: Option
    want: Want


def choice_board(board: BoardInput, limit: int = MAX_OPTIONS) -> list[Option]:
    """Ranked options: commitments, goal standards, then the best of the rest."""
    picked = _Picked(board)
    for index, commitment in enumerate(board.commitments):
        kind = "assignment" if commitment.key.startswith("assignment") else "action"
        picked.add(
            Option(
                key=commitment.key,
                kind=kind,
                title=commitment.title,
                reason=commitment.reason,
                activity_id=commitment.activity_id,
                score=100.0 - index,
            )
        )
    proposals = sorted(_proposals(board), key=lambda p: -p.option.score)
    for proposal in proposals:
        if proposal.want.goal and picked.fits(proposal.option):
            picked.add(proposal.option)
    modalities: Counter[str | None] = Counter(board.recent_modalities[-3:])
    waiting = [p for p in proposals if not p.want.goal]
    while len(picked.options) < limit and waiting:
        best = max(
            waiting, key=lambda p: p.option.score - MODALITY_COST * modalities[p.option.modality]
        )
        waiting.remove(best)
        if picked.fits(best.option) and (best.want.uncapped or picked.under_cap(best.option)):
            picked.add(best.option)
            modalities[best.option.modality] += 1
    if len(picked.options) < MIN_OPTIONS:
        _fill(board, picked, waiting, MIN_OPTIONS)
    return picked.options


class _Picked:
    """The options chosen so far, and what they use up."""

    def __init__(self, board: BoardInput) -> None:
        self.options: list[Option] = []
        self.activities: set[int] = set(board.exclude_activity_ids)
        self.standards: set[int] = set()

    def fits(self, option: Option) -> bool:
        """A new activity on a standard not offered yet."""
        if option.activity_id is not None and option.activity_id in self.activities:
            return False
        return option.standard_id is None or option.standard_id not in self.standards

    def under_cap(self, option: Option) -> bool:
        same = sum(1 for chosen in self.options if chosen.kind == option.kind)
        return same < KIND_CAPS.get(option.kind, 9)

    def add(self, option: Option) -> None:
        self.options.append(option)
        if option.activity_id is not None:
            self.activities.add(option.activity_id)
        if option.standard_id is not None:
            self.standards.add(option.standard_id)


def _fill(board: BoardInput, picked: _Picked, held_back: list[_Proposal], wanted: int) -> None:
    """Too few options: what the caps held back, stretches, then any other activity."""
    for proposal in held_back:
        if len(picked.options) >= wanted:
            return
        if picked.fits(proposal.option):
            picked.add(proposal.option)
    by_id = {view.standard_id: view for view in board.standards}
    for view in sorted(
        board.standards, key=lambda v: (len(unmastered_prerequisites(v, by_id)), v.code)
    ):
        if len(picked.options) >= wanted:
            return
        if view.standard_id in picked.standards or view.level >= Level.MASTERED:
            continue
        option = _with_activity(view, _open(board, picked), board, stretch_want(view, by_id))
        if option is not None:
            picked.add(option)
    for activity in sorted(_open(board, picked), key=lambda a: (-_interest(a, board), a.title)):
        if len(picked.options) >= wanted:
            return
        picked.add(_explore_option(activity, by_id))


def _open(board: BoardInput, picked: _Picked) -> list[ActivityView]:
    return [a for a in board.activities if a.activity_id not in picked.activities]


def _explore_option(activity: ActivityView, by_id: Mapping[int, StandardView]) -> Option:
    codes = [by_id[sid].code for sid in activity.standard_ids if sid in by_id][:2]
    if len(codes) == 2:
        reason = Reason(
            gettext_noop("Another way into %(first)s and %(second)s."),
            first=codes[0],
            second=codes[1],
        )
    elif codes:
        reason = Reason(gettext_noop("Another way into %(code)s."), code=codes[0])
    else:
        reason = Reason(gettext_noop("Something different to try."))
    return Option(
        key=f"explore:{activity.activity_id}",
        kind=activity.kind,
        title=activity.title,
        reason=reason,
        activity_id=activity.activity_id,
        modality=activity.modality,
        score=1.0,
    )


def _proposals(board: BoardInput) -> list[_Proposal]:
    by_id = {view.standard_id: view for view in board.standards}
    activities = [a for a in board.activities if a.activity_id not in board.exclude_activity_ids]
    proposals: list[_Proposal] = []
    for view in board.standards:
        want = want_for(view, by_id, board.now)
        option = None if want is None else _with_activity(view, activities, board, want)
        if option is not None and want is not None:
            proposals.append(_Proposal(option, want))
    return proposals


def _with_activity(
    view: StandardView, activities: Sequence[ActivityView], board: BoardInput, want: Want
) -> Option | None:
    """The best activity of the wanted kinds for this standard, preferring interests."""
    kinds = want.activity_kinds
    candidates = [a for a in activities if view.standard_id in a.standard_ids and a.kind in kinds]
    if not candidates:
        return None
    best = max(candidates, key=lambda a: (-kinds.index(a.kind), _interest(a, board), -a.minutes))
    fallback = best.kind not in NATURAL_KINDS.get(want.kind, (want.kind,))
    score = want.fallback_score if fallback and want.fallback_score is not None else want.score
    return Option(
        key=f"{want.kind}:{view.standard_id}:{best.activity_id}",
        kind=best.kind if fallback else want.kind,
        title=best.title,
        reason=(want.fallback_reason or want.reason) if fallback else want.reason,
        activity_id=best.activity_id,
        standard_id=view.standard_id,
        modality=best.modality,
        score=score + 5.0 * _interest(best, board),
        for_goal=want.goal,
    )


def _interest(activity: ActivityView, board: BoardInput) -> int:
    return len(board.interests.intersection(activity.interests))
