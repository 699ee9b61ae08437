"""One typed reading of a synced batch of answers (`POST /learn/api/answers/batch`).

What cannot be read at all (not JSON, not a list, an answer without its item, a client id
that is no UUID, a time that is no ISO 8601 date-time) is a 400 naming the field, e.g.
`answers[3].client_time`: the client's queue has a bug to fix, and nothing is stored.
What can be read but not accepted (a time with no time zone, an item retired since the
pack) is that answer's refusal, decided by the service (`batch`), so the rest of the
queue still syncs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from learnloop.learning.answering.parsing import (
    MAX_HINTS_USED,
    MAX_SECONDS,
    AnswerError,
    AnswerSubmission,
    check_answer_size,
    parse_client_correct,
    parse_client_id,
    submission_from_json,
)
from learnloop.web.parsing import BadInput, parse_id, parse_int, parse_optional_id

MAX_BATCH = 500
MAX_TIME_CHARACTERS = 64


@dataclass(frozen=True)
class SyncedAnswer:
    """One answer of a batch: what the single path takes, plus when it was given (as the
    client's clock said; naive when the client gave no time zone) and its place."""

    submission: AnswerSubmission
    client_time: datetime
    position: int
    client_correct: bool | None = None  # the browser's own mark; None: it deferred

    @property
    def client_id(self) -> uuid.UUID:
        return self.submission.client_id


def batch_from_json(data: Any) -> list[SyncedAnswer]:
    """The batch's body: {"answers": [{client_id, item, answer, client_time, activity}]}
    (`hints_used`, `seconds` and `client_correct` optional); `BadInput` names the field
    at fault."""
    if not isinstance(data, dict):
        raise BadInput("body", "must be a JSON object")
    answers = data.get("answers")
    if not isinstance(answers, list):
        raise BadInput("answers", "must be a list of answers")
    if len(answers) > MAX_BATCH:
        raise BadInput("answers", f"must hold at most {MAX_BATCH} answers; send the rest next")
    return [_answer(entry, f"answers[{index}]", index) for index, entry in enumerate(answers)]


def _answer(entry: Any, where: str, position: int) -> SyncedAnswer:
    if not isinstance(entry, dict):
        raise BadInput(where, "must be a JSON object")
    for name in ("client_id", "item", "answer", "client_time"):
        if name not in entry:
            raise BadInput(f"{where}.{name}", "is required")
    answer = entry["answer"]
    if not isinstance(answer, str | int | float | list | None) or isinstance(answer, bool):
        raise BadInput(f"{where}.answer", "must be text, a number, or a list of choices")
    if isinstance(answer, list) and not all(isinstance(part, str) for part in answer):
        raise BadInput(f"{where}.answer", "must list the chosen choices' identifiers as text")
    try:
        client_id = parse_client_id(entry["client_id"])
        check_answer_size(answer)
    except AnswerError as error:
        raise BadInput(f"{where}.{error.field}", error.message) from None
    submission = AnswerSubmission(
        item_id=parse_id(entry["item"], f"{where}.item"),
        client_id=client_id,
        answer=answer,
        hints_used=parse_int(
            entry.get("hints_used", 0), f"{where}.hints_used", minimum=0, maximum=MAX_HINTS_USED
        ),
        seconds=parse_int(
            entry.get("seconds", 0), f"{where}.seconds", minimum=0, maximum=MAX_SECONDS
        ),
        activity_id=parse_optional_id(entry.get("activity"), f"{where}.activity"),
    )
    return SyncedAnswer(
        submission,
        parse_client_time(entry["client_time"], where),
        position,
        parse_client_correct(entry.get("client_correct"), where),
    )


def timed_answer_from_json(data: dict[str, Any]) -> SyncedAnswer:
    """An answer to the one-answer endpoint that carries its `client_time` (an offline
    queue sending one by one where a server has no batch endpoint): the one-answer body
    (`client_id`, `item_id`, `answer`, `activity_id`...) read as a batch of one, so the
    service applies the batch's rules to it. Fields are named as the one-answer body
    names them (`client_time`, not `answers[0].client_time`)."""
    return SyncedAnswer(
        submission_from_json(data),
        parse_client_time(data["client_time"], ""),
        0,
        parse_client_correct(data.get("client_correct"), ""),
    )


def _named(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def parse_client_time(raw: Any, where: str) -> datetime:
    """An ISO 8601 date-time ("2026-12-06T09:30:00Z", "...+01:00"); naive when it names
    no time zone (the service refuses that answer: its moment is unknown)."""
    field = _named(where, "client_time")
    if not isinstance(raw, str) or len(raw) > MAX_TIME_CHARACTERS:
        raise BadInput(field, "must be an ISO 8601 date-time with its time zone")
    try:
        return datetime.fromisoformat(raw.strip())
    except ValueError:
        raise BadInput(field, "must be an ISO 8601 date-time with its time zone") from None
