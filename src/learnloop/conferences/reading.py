"""The conference agenda as one reader sees it, computed when the page is drawn.

A stored agenda line is a fact about one kind of record (privacy.rules.Record): a help
message, a reflection, a goal, a struggle. A reader sees a line only when the rules let
them read that kind of record, judged on the record as it is today: a goal the student
let go after the agenda was made is a let-go goal now, and leaves family's view.
A line of a kind this module does not know is shown to the student's teacher only.
Goal, help and reflection lines were chosen within the conference teacher's classes
(privacy.scope), so another teacher of the student does not get them.
A struggle line names the standard's level; that is the one level every page shows, so
it is read today (`with_todays_levels`), not as it was when the agenda was made.
Every line is worded in the reader's language from its stored facts (`agenda.line_text`).

The goals app tells us goal statuses through the `GOAL_STATUSES` slot (registered in its
AppConfig.ready()), so conferences never imports goals.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from learnloop.conferences.agenda import AgendaLine, StandardKey, line_text
from learnloop.core.slots import Slot
from learnloop.engine.levels import Level
from learnloop.privacy.rules import Reader, Record, goal_record, may_read

# kind of agenda line -> the record it is about (goal lines are refined by status)
LINE_RECORDS: dict[str, Record] = {
    "topic": Record.CONFERENCE,
    "struggle": Record.PRACTICE,
    "goal": Record.LET_GO_GOAL,  # until its status today says otherwise
    "help": Record.HELP_MESSAGE,
    "reflection": Record.REFLECTION,
    "portfolio": Record.UNSHARED_ARTIFACT,
}

# (goal ids) -> {goal id: status today}; a missing id is a goal that is gone
GoalStatusSource = Callable[[Sequence[int]], dict[int, str]]
GOAL_STATUSES: Slot[GoalStatusSource] = Slot("conferences.goal_statuses", query_budget=1)


def _goal_statuses(lines: Sequence[AgendaLine]) -> dict[int, str]:
    ids = [int(line.extra["goal_id"]) for line in lines if "goal_id" in line.extra]
    statuses: dict[int, str] = {}
    if ids:
        for source in GOAL_STATUSES:
            statuses.update(source(ids))
    return statuses


def record_of(line: AgendaLine, goal_statuses: dict[int, str]) -> Record:
    if line.kind == "goal" and "goal_id" in line.extra:
        status = goal_statuses.get(int(line.extra["goal_id"]))
        return goal_record(status) if status is not None else Record.LET_GO_GOAL
    return LINE_RECORDS.get(line.kind, Record.PRIVATE_NOTE)


# Lines about what the student wrote, made within the conference teacher's classes
# (privacy.scope): another teacher of the student may not read those records.
SCOPED_LINES = frozenset({"goal", "help", "reflection"})


def agenda_for_reader(
    stored: Sequence[dict[str, Any]], reader: Reader | None, *, conference_teacher: bool
) -> list[AgendaLine]:
    """The stored agenda's lines this reader may read, in their order (one query at most).

    `conference_teacher` (no default: a caller that forgets it must not leak) is False
    for a teacher of the student who is not the conference's: they do not get the lines
    about the student's goals, help and reflections, which were chosen for the
    conference teacher's classes."""
    lines = [AgendaLine.from_dict(line) for line in stored]
    if reader == Reader.TEACHER and not conference_teacher:
        lines = [line for line in lines if line.kind not in SCOPED_LINES]
    statuses = _goal_statuses(lines)
    return [
        dataclasses.replace(line, text=line_text(line))
        for line in lines
        if may_read(reader, record_of(line, statuses))
    ]


LEVEL_WORDS = re.compile(r"\blevel (" + "|".join(level.label for level in Level) + r")\b")


def line_standard(line: AgendaLine) -> StandardKey | None:
    """The standard a struggle line is about: its id (kept since lines keep it), else
    its code (a line stored before); None for another kind of line or no standard."""
    if line.kind != "struggle":
        return None
    standard_id = line.extra.get("standard_id")
    if isinstance(standard_id, int) and not isinstance(standard_id, bool):
        return standard_id
    return line.code or None


def struggle_standards(lines: Sequence[AgendaLine]) -> set[StandardKey]:
    return {key for line in lines if (key := line_standard(line)) is not None}


def with_todays_levels(
    lines: Sequence[AgendaLine], levels: Mapping[StandardKey, Level]
) -> list[AgendaLine]:
    """Each struggle line with its standard's level as stored today (by `line_standard`),
    worded in the reader's language; a line stored without facts has its English words
    replaced."""
    updated = []
    for line in lines:
        key = line_standard(line)
        level = levels.get(key) if key is not None else None
        if level is not None and line.facts.get("attempts"):
            line = dataclasses.replace(line, facts={**line.facts, "level": int(level)})
            line = dataclasses.replace(line, text=line_text(line))
        elif level is not None and line.as_written:
            text = LEVEL_WORDS.sub(f"level {level.label}", line.text, count=1)
            line = dataclasses.replace(line, text=text)
        updated.append(line)
    return updated
