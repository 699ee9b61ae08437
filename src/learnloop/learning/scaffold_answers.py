"""Answering a scaffold: a sub-question shown as help on the current practice item.

A scaffold is graded like an item (`content.scaffold_grading`, `content.grading`) against
the instance the student sees (a variabilized item's drawn values), and the result is
kept on the practice session, not as a Response: it is help, not evidence (the item's
own answer records how many scaffolds were shown). `session.scaffold_answers` holds the
answers on the current instance (keyed by its client id, so a second try's fresh draw
starts clean) and every scaffold the session answered right.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext

from learnloop.content.grading import grade
from learnloop.content.item_instances import draw_for, draw_seed
from learnloop.content.models import Item, StepHint
from learnloop.content.scaffold_grading import (
    ScaffoldChoice,
    is_choice,
    scaffold_choices,
    scaffold_spec,
)
from learnloop.learning.answering.queries import SessionRow
from learnloop.learning.models import PracticeSession
from learnloop.learning.session_flow import scaffolds_of
from learnloop.learning.step_player import instance_client, step_scaffolds

MAX_ANSWER = 500


@dataclass(frozen=True)
class ScaffoldError(Exception):
    """A scaffold answer that cannot be graded: 400, naming the field."""

    scaffold_id: int
    field: str
    message: str
    status: int = 400


@dataclass(frozen=True)
class ScaffoldShown:
    """A shown scaffold as the page renders it: drawn text, its form, its last result."""

    step: StepHint
    number: int
    choices: list[ScaffoldChoice]
    given: str = ""
    correct: bool | None = None


def drawn_scaffold(scaffold: StepHint, item: Item, seed: str | None) -> StepHint:
    """A scaffold's text, answers and choices in the row the item's seed draws (an
    unsaved copy): what the student sees and is graded against."""
    drawn = copy.copy(scaffold)
    # Its step's values, then its own: a multi-step problem's steps each have theirs.
    own = {**(scaffold.step.variables or {}), **(scaffold.variables or {})}
    drawn.title = draw_for(scaffold.title, item, seed, own)
    drawn.text = draw_for(scaffold.text, item, seed, own)
    drawn.answers = [draw_for(str(answer), item, seed, own) for answer in scaffold.answers]
    drawn.choices = [draw_for(str(choice), item, seed, own) for choice in scaffold.choices]
    return drawn


def _record(session: PracticeSession | SessionRow) -> dict[str, Any]:
    """The session's scaffold answers on its current instance (empty after a new draw)."""
    stored = session.scaffold_answers if isinstance(session.scaffold_answers, dict) else {}
    client = str(instance_client(session))
    steps = stored.get("steps", {}) if stored.get("client") == client else {}
    record = {"client": client, "steps": dict(steps), "right": list(stored.get("right", []))}
    if "parts" in stored:  # the step player's state (learning.step_player)
        record["parts"] = stored["parts"]
    return record


def shown_scaffolds(
    session: PracticeSession | SessionRow, scaffolds: list[StepHint]
) -> list[ScaffoldShown]:
    """The drawn scaffolds shown so far, with what the student last answered on each."""
    steps = _record(session)["steps"]
    shown = []
    for number, scaffold in enumerate(scaffolds[: session.scaffolds_shown], start=1):
        last = steps.get(str(scaffold.pk), {})
        choices = (
            scaffold_choices(scaffold.answers, scaffold.choices)
            if is_choice(scaffold.problem_type, scaffold.choices)
            else []
        )
        shown.append(
            ScaffoldShown(
                step=scaffold,
                number=number,
                choices=choices,
                given=str(last.get("given", "")),
                correct=last.get("correct"),
            )
        )
    return shown


@transaction.atomic
def answer_scaffold(*, session: PracticeSession, scaffold_id: int, answer: str) -> bool:
    """Grade the student's answer to a shown scaffold of the current item and keep the
    result on the session; whether it was right. A scaffold not shown on the current
    item is a 404; an empty or unreadable answer a `ScaffoldError`."""
    # Lock only the session row: PostgreSQL refuses FOR UPDATE across an outer join.
    session = (
        PracticeSession.objects.select_for_update(of=("self",))
        .select_related("current_item")
        .get(pk=session.pk)
    )
    item = session.current_item
    if session.finished_at is not None or item is None:
        raise Http404("This practice session has no question open.")
    shown = step_scaffolds(session, item, scaffolds_of(item.pk))[: session.scaffolds_shown]
    scaffold = next((s for s in shown if s.pk == scaffold_id), None)
    if scaffold is None:
        raise Http404("No such step shown on your current question.")
    given = answer.strip()
    if not given:
        raise ScaffoldError(scaffold_id, "answer", gettext("Type an answer to this step."))
    if len(given) > MAX_ANSWER:
        raise ScaffoldError(
            scaffold_id,
            "answer",
            gettext("Keep it to %(limit)d characters, please.") % {"limit": MAX_ANSWER},
        )
    drawn = drawn_scaffold(scaffold, item, draw_seed(session.student_id, instance_client(session)))
    spec = scaffold_spec(
        problem_type=drawn.problem_type,
        answer_type=drawn.answer_type,
        answers=drawn.answers,
        choices=drawn.choices,
    )
    if spec.choices and given not in {c.key for c in spec.choices}:
        raise ScaffoldError(scaffold_id, "answer", gettext("Pick one of the options."))
    result = grade(spec, given)
    if not result.valid:
        raise ScaffoldError(scaffold_id, "answer", gettext(result.feedback))
    record = _record(session)
    record["steps"][str(scaffold.pk)] = {"given": given, "correct": result.correct}
    if result.correct and scaffold.pk not in record["right"]:
        record["right"].append(scaffold.pk)
    session.scaffold_answers = record
    session.save(update_fields=["scaffold_answers"])
    return result.correct
