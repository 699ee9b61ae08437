"""The conference agenda: a pure function from plain facts about a student to agenda lines.

No Django here, so the rules are easy to test and to read (docs/conferences.md):
1. what the student asked to talk about;
2. open help requests, newest first;
3. struggles: standards with at least 4 attempts and mastery below 0.6, or with wrong
   answers in the last 14 days, weakest first;
4. active goals, nearest target date first;
5. reflections from the last 14 days, newest first;
6. portfolio items from the last 14 days (once the portfolio lands).
Each section is capped so an agenda fits a ten-minute conversation.

The lines are stored with the conference, but no one reads them as stored: each line is
a fact about one kind of record, and `conferences.reading` shows a reader only the lines
privacy.rules lets them read, with the record's state when the page is drawn.

Each line keeps its facts (`AgendaLine.facts`: a code, counts, a date, a goal's title,
the student's own words) beside the sentence made from them, and `line_text` makes the
sentence again in the reader's language: an agenda made while the teacher read English
reads in Spanish to a Spanish-reading student. The student's own words are quoted as
written. A line stored before facts were kept (no `facts`) is shown as it was written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from learnloop.core.bidi import ltr_text
from learnloop.core.readable import day_month
from learnloop.engine.levels import Level
from learnloop.learning.level_names import level_name
from learnloop.standards.naming import standard_name

STRUGGLE_MIN_ATTEMPTS = 4
STRUGGLE_BELOW_MASTERY = 0.6
RECENT = timedelta(days=14)
MAX_PER_SECTION = 3
MAX_STRUGGLES = 4
QUOTE_LENGTH = 120


@dataclass(frozen=True)
class StandardFact:
    code: str
    mastery: float
    attempts: int
    level: Level = Level.NOT_STARTED  # the cell's one level (learning.standing), as pages show
    standard_id: int | None = None  # tells standards apart when codes are missing or shared
    name: str = ""  # the name people read (Standard.label); the code's when empty


@dataclass(frozen=True)
class WrongAnswerFact:
    code: str
    answered_at: datetime
    standard_id: int | None = None
    name: str = ""


StandardKey = int | str  # a standard's id when known, else its code


def standard_key(fact: StandardFact | WrongAnswerFact) -> StandardKey:
    """What tells the agenda's standards apart: the id (two frameworks may share a code,
    and an imported standard may have none), else the code."""
    return fact.standard_id if fact.standard_id is not None else fact.code


@dataclass(frozen=True)
class GoalFact:
    title: str
    target_on: date | None = None
    progress: float | None = None  # 0..1 when the goals app can compute it
    goal_id: int | None = None  # so a reader's page can check the goal's status today


@dataclass(frozen=True)
class DatedText:
    """A help request, reflection or portfolio item: words and when they were written."""

    text: str
    created_at: datetime
    code: str = ""


@dataclass(frozen=True)
class AgendaFacts:
    topic: str = ""
    standards: Sequence[StandardFact] = ()
    wrong_answers: Sequence[WrongAnswerFact] = ()
    goals: Sequence[GoalFact] = ()
    help_requests: Sequence[DatedText] = ()
    reflections: Sequence[DatedText] = ()
    portfolio: Sequence[DatedText] = ()


KIND_LABELS = {
    "topic": pgettext_lazy("agenda line", "Topic"),
    "help": pgettext_lazy("agenda line", "Help"),
    "struggle": pgettext_lazy("agenda line", "Struggle"),
    "goal": pgettext_lazy("agenda line", "Goal"),
    "reflection": pgettext_lazy("agenda line", "Reflection"),
    "portfolio": pgettext_lazy("agenda line", "Portfolio"),
}


@dataclass(frozen=True)
class AgendaLine:
    kind: str  # topic | help | struggle | goal | reflection | portfolio
    text: str  # the sentence in the language the agenda was made in (the record of it)
    code: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)  # what `line_text` reads; JSON-safe

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AgendaLine:
        return cls(
            kind=str(data.get("kind", "")),
            text=str(data.get("text", "")),
            code=str(data.get("code", "")),
            extra=dict(data.get("extra") or {}),
            facts=dict(data.get("facts") or {}),
        )

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def as_written(self) -> bool:
        """True for a line stored before facts were kept: it reads as it was written."""
        return not self.facts


def line_text(line: AgendaLine) -> str:
    """The line's sentence made again from its facts in the active language."""
    render = RENDERERS.get(line.kind)
    if not line.facts or render is None:
        return line.text
    try:
        return render(line.facts)
    except (KeyError, TypeError, ValueError):
        return line.text


def _fact_line(
    kind: str, facts: dict[str, Any], code: str = "", extra: dict[str, Any] | None = None
) -> AgendaLine:
    return AgendaLine(kind, RENDERERS[kind](facts), code, dict(extra or {}), facts)


def build_agenda(facts: AgendaFacts, now: datetime) -> list[AgendaLine]:
    """The agenda lines for a conference, in the order the rules above give."""
    lines: list[AgendaLine] = []
    if facts.topic.strip():
        lines.append(_fact_line("topic", {"topic": facts.topic.strip()}))
    lines.extend(_help_lines(facts.help_requests))
    lines.extend(_struggle_lines(facts, now))
    lines.extend(_goal_lines(facts.goals))
    lines.extend(_recent_lines("reflection", facts.reflections, now))
    lines.extend(_recent_lines("portfolio", facts.portfolio, now))
    return lines


def struggling_keys(facts: AgendaFacts, now: datetime) -> list[StandardKey]:
    """The standards the student struggles with (`standard_key`), weakest first."""
    recent_wrong = _recent_wrong_counts(facts.wrong_answers, now)
    by_key = {standard_key(fact): fact for fact in facts.standards}
    keys = {
        standard_key(fact)
        for fact in facts.standards
        if fact.attempts >= STRUGGLE_MIN_ATTEMPTS and fact.mastery < STRUGGLE_BELOW_MASTERY
    } | set(recent_wrong)
    return sorted(
        keys,
        key=lambda key: (
            by_key[key].mastery if key in by_key else 0.0,
            -recent_wrong.get(key, 0),
            str(key),
        ),
    )


def _recent_wrong_counts(wrong: Sequence[WrongAnswerFact], now: datetime) -> Counter[StandardKey]:
    return Counter(standard_key(w) for w in wrong if now - RECENT <= w.answered_at <= now)


def _struggle_lines(facts: AgendaFacts, now: datetime) -> list[AgendaLine]:
    recent_wrong = _recent_wrong_counts(facts.wrong_answers, now)
    by_key = {standard_key(fact): fact for fact in facts.standards}
    named = {standard_key(w): w for w in facts.wrong_answers}
    lines = []
    for key in struggling_keys(facts, now)[:MAX_STRUGGLES]:
        fact = by_key.get(key)
        about = fact or named[key]
        struggle: dict[str, Any] = {"code": about.code, "wrong": recent_wrong.get(key, 0)}
        struggle["attempts"] = 0
        if about.name:
            struggle["name"] = about.name
        if fact is not None and fact.attempts:
            struggle.update(
                attempts=fact.attempts,
                level=int(fact.level),
                percent=round(fact.mastery * 100),
            )
        extra = {"standard_id": about.standard_id} if about.standard_id is not None else {}
        lines.append(_fact_line("struggle", struggle, about.code, extra))
    return lines


def _struggle_text(facts: dict[str, Any]) -> str:
    parts = []
    if facts["wrong"]:
        count = int(facts["wrong"])
        parts.append(
            ngettext(
                "%(count)d wrong answer in the last 14 days",
                "%(count)d wrong answers in the last 14 days",
                count,
            )
            % {"count": count}
        )
    if facts["attempts"]:
        parts.append(
            ngettext(
                "level %(level)s, mastery %(percent)d%% after %(count)d attempt",
                "level %(level)s, mastery %(percent)d%% after %(count)d attempts",
                int(facts["attempts"]),
            )
            % {
                "level": level_name(Level(int(facts["level"]))),
                "percent": int(facts["percent"]),
                "count": int(facts["attempts"]),
            }
        )
    # The code is the fact; people read the name (kept beside it since the name came in).
    name = str(facts.get("name") or "") or standard_name(facts["code"])
    return _("Struggling with %(code)s: %(details)s") % {
        "code": ltr_text(name),
        "details": "; ".join(parts),
    }


def _help_lines(requests: Sequence[DatedText]) -> list[AgendaLine]:
    newest = sorted(requests, key=lambda r: r.created_at, reverse=True)[:MAX_PER_SECTION]
    return [_fact_line("help", {"quote": _quote(r.text)}, r.code) for r in newest]


def _goal_lines(goals: Sequence[GoalFact]) -> list[AgendaLine]:
    ordered = sorted(goals, key=lambda g: (g.target_on is None, g.target_on or date.min, g.title))
    lines = []
    for goal in ordered[:MAX_PER_SECTION]:
        facts: dict[str, Any] = {"title": goal.title}
        if goal.target_on is not None:
            facts["target_on"] = goal.target_on.isoformat()
        if goal.progress is not None:
            facts["percent"] = round(goal.progress * 100)
        extra = {"goal_id": goal.goal_id} if goal.goal_id is not None else {}
        lines.append(_fact_line("goal", facts, extra=extra))
    return lines


def _goal_text(facts: dict[str, Any]) -> str:
    details = []
    if facts.get("target_on"):
        day = day_month(date.fromisoformat(str(facts["target_on"])))
        details.append(_("by %(day)s") % {"day": day})
    if facts.get("percent") is not None:
        details.append(_("%(percent)d%% there") % {"percent": int(facts["percent"])})
    if details:
        return _("Goal: %(title)s (%(details)s)") % {
            "title": facts["title"],
            "details": ", ".join(details),
        }
    return _("Goal: %(title)s") % {"title": facts["title"]}


def _recent_lines(kind: str, entries: Sequence[DatedText], now: datetime) -> list[AgendaLine]:
    recent = [e for e in entries if now - RECENT <= e.created_at <= now]
    recent.sort(key=lambda e: e.created_at, reverse=True)
    return [_fact_line(kind, {"quote": _quote(e.text)}, e.code) for e in recent[:MAX_PER_SECTION]]


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > QUOTE_LENGTH:
        flat = flat[: QUOTE_LENGTH - 1].rstrip() + "…"
    return f"“{flat}”"


RENDERERS: dict[str, Callable[[dict[str, Any]], str]] = {
    "topic": lambda facts: _("Asked to talk about: %(topic)s") % {"topic": facts["topic"]},
    "help": lambda facts: _("Asked for help: %(text)s") % {"text": facts["quote"]},
    "struggle": _struggle_text,
    "goal": _goal_text,
    "reflection": lambda facts: _("Reflected: %(text)s") % {"text": facts["quote"]},
    "portfolio": lambda facts: _("Added to portfolio: %(text)s") % {"text": facts["quote"]},
}
