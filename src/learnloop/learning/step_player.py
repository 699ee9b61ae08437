"""The step player: a problem with several steps, answered step by step in a session.

A multi-step item (`content.item_parts.has_parts`) is one item of the session. Its steps
are asked in order on the practice page; every step before the last is answered here
(`answer_part`, graded against the drawn instance by the step's own spec, as a scaffold
is), the last is the item's own answer and goes through the answer path like any item.
Each step has its own hints and scaffolds (the session's help counters start again at
each step) and, as an item, a second try: a wrong first answer to a step may be tried
once more for half credit; a second miss shows the step's answer and moves on. After two
steps missed in a row the student may go straight to the last step (`skip_to_last_step`):
a long exercise set (an OATutor problem may hold fifteen equations) does not hold a
failing student for thirty wrong answers; the steps skipped count 0, as a step never
answered does.

What the steps earned is the item's credit: the answer's credit (`answer_credit`, the
last step's try and help) averaged with each earlier step's (1 first time, 0.5 on the
second try, discounted for its hints and scaffolds as an answer is, 0 when missed or
after the worked solution). The engine's first-try rule is unchanged: the item's first
answer is evidence, right only when correct and its credit is at least 0.5.

State lives on the session (`PracticeSession.scaffold_answers["parts"]`, no migration):
`{"item": <item id>, "client": <the instance's client id>, "done": [{"given",
"correct", "credit", "attempt", "answers", "skipped"}], "tries": <wrong answers to the
current step>}`. `client` is the client id the instance was drawn with: the item's second try
(a new client id, as every answer has) is graded on it (`Response.retry_of`), so the
numbers never change under the student.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext

from learnloop.content.item_instances import draw_seed
from learnloop.content.item_parts import ItemPart, has_parts, parts_of
from learnloop.content.models import Item
from learnloop.engine.practice_policy import Help, answer_credit
from learnloop.learning.answering.queries import SessionRow
from learnloop.learning.models import PracticeSession

MAX_ANSWER = 500
MISSED_IN_A_ROW = 2  # steps missed (both tries) in a row before the last may be reached


class PartError(Exception):
    """A step answer that cannot be graded; the page says why beside the step."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class PartDone:
    part: ItemPart
    given: str
    correct: bool
    credit: float
    attempt: int
    skipped: bool = False  # passed over on the way to the last step (`skip_to_last_step`)

    @property
    def shown(self) -> str:
        """The answer as the student saw it: a choice's text, else what they typed."""
        for choice in self.part.choices:
            if choice.key == self.given:
                return choice.text
        return self.given


@dataclass(frozen=True)
class Player:
    """What the practice page shows of a multi-step item: the steps answered (with their
    results), the current step, and whether that step has had a wrong answer already."""

    parts: list[ItemPart]
    done: list[PartDone]
    current: ItemPart | None
    tries: int

    @property
    def count(self) -> int:
        return len(self.parts)

    @property
    def skippable(self) -> int:
        """How many steps `skip_to_last_step` would pass over now: the current step and
        those after it, the last excepted, once two steps in a row were missed; else 0."""
        missed = self.done[-MISSED_IN_A_ROW:]
        if self.current is None or self.current.last or len(missed) < MISSED_IN_A_ROW:
            return 0
        if any(done.correct or done.skipped for done in missed):
            return 0
        return self.count - 1 - len(self.done)


def parts_state(session: PracticeSession | SessionRow) -> dict[str, Any]:
    """The session's step state for its current item ({} when none is kept)."""
    stored = session.scaffold_answers if isinstance(session.scaffold_answers, dict) else {}
    state = stored.get("parts")
    if not isinstance(state, dict) or state.get("item") != session.current_item_id:
        return {}
    if state.get("served") != _served(session):
        return {}  # the item served again later: its steps start afresh
    return state


def _served(session: PracticeSession | SessionRow) -> str:
    return session.served_at.isoformat() if session.served_at else ""


def instance_client(session: PracticeSession | SessionRow) -> uuid.UUID | None:
    """The client id the current item's instance is drawn with: the step player's (kept
    across the item's second try), else the session's current one."""
    state = parts_state(session)
    if state.get("client"):
        return uuid.UUID(str(state["client"]))
    return session.current_client_id


def player_for(session: PracticeSession | SessionRow, item: Item) -> Player | None:
    """The step player's view of the session's current item (None for a one-step item)."""
    if not has_parts(item):
        return None
    parts = parts_of(item, draw_seed(session.student_id, instance_client(session)))
    state = parts_state(session)
    done = [
        PartDone(
            part=part,
            given=str(entry.get("given", "")),
            correct=bool(entry.get("correct")),
            credit=float(entry.get("credit", 0.0)),
            attempt=int(entry.get("attempt", 1)),
            skipped=bool(entry.get("skipped")),
        )
        for part, entry in zip(parts, state.get("done", []), strict=False)
    ]
    current = parts[len(done)] if len(done) < len(parts) else None
    return Player(parts=parts, done=done, current=current, tries=int(state.get("tries", 0)))


def step_scaffolds(
    session: PracticeSession | SessionRow, item: Item | None, scaffolds: list[Any]
) -> list[Any]:
    """The scaffolds the page offers now: a multi-step item's current step's only."""
    if item is None or not has_parts(item):
        return scaffolds
    player = player_for(session, item)
    position = player.current.position if player and player.current else -1
    return [s for s in scaffolds if s.step.position == position]


def step_hints(session: PracticeSession | SessionRow, item: Item | None) -> list[str] | None:
    """A multi-step item's current step's hints (None: the item's own hints)."""
    if item is None or not has_parts(item):
        return None
    player = player_for(session, item)
    return list(player.current.hints) if player and player.current else []


def parts_credit(session: PracticeSession | SessionRow, item_id: int) -> tuple[float, ...] | None:
    """The credits of the steps answered before the last, for the item's answer (None
    when the item is not being played step by step in this session)."""
    if session.current_item_id != item_id:
        return None
    state = parts_state(session)
    if not state:
        return None
    return tuple(float(entry.get("credit", 0.0)) for entry in state.get("done", []))


@transaction.atomic
def answer_part(
    *, session: PracticeSession, position: int, answer: str, tries: int | None = None
) -> bool | None:
    """Grade the student's answer to the current step (one before the last) and keep it
    on the session. True right, False wrong (a second try follows, or the step's answer
    is shown and the next step comes); None for a stale post (another step is current, or
    `tries`, the wrong tries the posting page showed, is no longer the step's: a double
    click or a resent form; nothing changes). A session with no multi-step item open is
    a 404."""
    session, state, player = _locked_player(session)
    part = player.current
    if part is None or part.last or part.position != position:
        return None  # a second tab, or a reload of an older page: nothing to do
    if tries is not None and tries != int(state.get("tries", 0)):
        return None  # the same try posted again: it counts once
    given = answer.strip()
    if not given:
        raise PartError(gettext("Type an answer to this step."))
    if len(given) > MAX_ANSWER:
        raise PartError(gettext("At most %(n)d characters, please.") % {"n": MAX_ANSWER})
    if part.choices and given not in {choice.key for choice in part.choices}:
        raise PartError(gettext("Pick one of the options."))
    result = part.grade(given)
    if not result.valid:
        raise PartError(result.feedback)
    attempt = int(state.get("tries", 0)) + 1
    if result.correct or attempt >= 2:
        help_used = Help(session.hints_shown, session.scaffolds_shown, session.solution_shown)
        credit = answer_credit(result.score, attempt=attempt, help_used=help_used)
        state["done"] = [
            *state.get("done", []),
            {
                "given": given,
                "correct": result.correct,
                "credit": credit if result.correct else 0.0,
                "attempt": attempt,
            },
        ]
        state["tries"] = 0
        session.hints_shown = session.scaffolds_shown = 0  # the next step's help
    else:
        state["tries"] = attempt
    _with_state(session, state)
    session.save(update_fields=["scaffold_answers", "hints_shown", "scaffolds_shown"])
    return result.correct


@transaction.atomic
def skip_to_last_step(*, session: PracticeSession, position: int) -> bool | None:
    """Pass over the current step and those after it, the last excepted, so the last
    step (the item's own answer) comes now; each step passed over counts 0. Allowed once
    two steps in a row were missed (`Player.skippable`). True when done; None for a stale
    post (another step is current: a second tab, a resent form) or when it is not
    allowed now; nothing changes then. A session with no multi-step item open is a 404."""
    session, state, player = _locked_player(session)
    if player.current is None or player.current.position != position or not player.skippable:
        return None
    skipped = {"given": "", "correct": False, "credit": 0.0, "attempt": 0, "skipped": True}
    state["done"] = [*state.get("done", []), *[dict(skipped)] * player.skippable]
    state["tries"] = 0
    session.hints_shown = session.scaffolds_shown = 0  # the last step's help
    _with_state(session, state)
    session.save(update_fields=["scaffold_answers", "hints_shown", "scaffolds_shown"])
    return True


def _locked_player(
    session: PracticeSession,
) -> tuple[PracticeSession, dict[str, Any], Player]:
    """The session locked for a change of its steps, their state (a new one when none is
    kept) and the player over it. A 404 when no multi-step item is open."""
    # Lock only the session row: PostgreSQL refuses FOR UPDATE across an outer join.
    session = (
        PracticeSession.objects.select_for_update(of=("self",))
        .select_related("current_item", "student")
        .get(pk=session.pk)
    )
    item = session.current_item
    if session.finished_at is not None or item is None or not has_parts(item):
        raise Http404("This practice session has no step-by-step question open.")
    state = parts_state(session) or {
        "item": item.pk,
        "client": str(session.current_client_id),
        "served": _served(session),
        "done": [],
        "tries": 0,
    }
    player = player_for(_with_state(session, state), item)
    assert player is not None
    return session, state, player


def _with_state(session: PracticeSession, state: dict[str, Any]) -> PracticeSession:
    stored = session.scaffold_answers if isinstance(session.scaffold_answers, dict) else {}
    session.scaffold_answers = {**stored, "parts": state}
    return session
