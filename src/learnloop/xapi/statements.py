"""Outbox rows rendered as xAPI statements, with the school's choices (actor, version).

The facts come from the row (its id, verb, object, result, time, standards); names and
CASE URIs are read for a whole batch at once (`Lookups`). Verbs are ADL's where ADL has
one; goals use LearnLoop's own verbs under the install's address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings

from learnloop.accounts.models import User
from learnloop.content.models import Activity, Item
from learnloop.core.events import Verb
from learnloop.goals.models import Goal
from learnloop.portfolio.models import Artifact
from learnloop.standards.models import Standard
from learnloop.xapi.models import ActorKind, LrsConfig, OutboxStatement

ADL = "http://adlnet.gov/expapi/verbs/"
ACTIVITY_TYPES = {
    "item": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "activity": "http://adlnet.gov/expapi/activities/lesson",
    "standard": "http://adlnet.gov/expapi/activities/objective",
    "goal": "http://adlnet.gov/expapi/activities/objective",
    "artifact": "http://adlnet.gov/expapi/activities/file",
}
VERB_DISPLAY = {
    Verb.ANSWERED: "answered",
    Verb.COMPLETED: "completed",
    Verb.MASTERED: "mastered",
    Verb.PROGRESSED: "progressed",
    Verb.GOAL_SET: "set goal",
    Verb.GOAL_MET: "met goal",
    Verb.SHARED: "shared",
}
LANGUAGE = "en-US"


class RenderError(Exception):
    """A row that cannot become a valid statement (the reason goes to the dead letters)."""


def iri_base(config: LrsConfig) -> str:
    """Where this install's activity and verb IRIs live: its site address, else the
    school's home page."""
    base = settings.SITE_URL or config.home_page or "http://localhost"
    return base.rstrip("/")


def verb_iri(verb: str, base: str) -> str:
    if verb in (Verb.GOAL_SET, Verb.GOAL_MET):
        return f"{base}/xapi/verbs/{verb}"
    return ADL + verb


@dataclass
class Lookups:
    """Everything a batch of rows names, read in one query per kind."""

    users: dict[int, User] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    activities: dict[int, Activity] = field(default_factory=dict)
    standards: dict[int, Standard] = field(default_factory=dict)
    goals: dict[int, Goal] = field(default_factory=dict)
    artifacts: dict[int, Artifact] = field(default_factory=dict)

    @classmethod
    def for_rows(cls, rows: Iterable[OutboxStatement]) -> Lookups:
        rows = list(rows)

        def ids(kind: str) -> set[int]:
            return {r.object_id for r in rows if r.object_type == kind}

        standard_ids = ids("standard") | {s for r in rows for s in r.standard_ids}
        activity_ids = ids("activity") | {r.activity_id for r in rows if r.activity_id}
        return cls(
            users=User.objects.in_bulk({r.student_id for r in rows}),
            items=Item.objects.only("id", "title").in_bulk(ids("item")),
            activities=Activity.objects.only("id", "title").in_bulk(activity_ids),
            standards=Standard.objects.only("id", "uri", "identifier", "code").in_bulk(
                standard_ids
            ),
            goals=Goal.objects.only("id", "title").in_bulk(ids("goal")),
            artifacts=Artifact.objects.only("id", "title").in_bulk(ids("artifact")),
        )


def _actor(user: User | None, config: LrsConfig) -> dict[str, Any]:
    if user is None:
        raise RenderError("the student no longer exists")
    if config.actor_kind == ActorKind.MBOX:
        if not user.email:
            raise RenderError(
                f"student {user.pk} has no e-mail address: choose account actors for this LRS"
            )
        return {"objectType": "Agent", "mbox": f"mailto:{user.email}"}
    if not config.home_page:
        raise RenderError("account actors need the school's home page in the LRS settings")
    # The roster's id when there is one, so the LRS can match the school's records.
    return {
        "objectType": "Agent",
        "account": {"homePage": config.home_page, "name": user.sourced_id or str(user.pk)},
    }


def _standard_iri(standard: Standard, base: str) -> str:
    return standard.uri or f"{base}/standards/{standard.identifier}"


def _activity(iri: str, kind: str, name: str) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": ACTIVITY_TYPES[kind]}
    if name:
        definition["name"] = {LANGUAGE: name}
    if kind == "item":
        definition["interactionType"] = "other"
    return {"objectType": "Activity", "id": iri, "definition": definition}


def _object(row: OutboxStatement, lookups: Lookups, base: str) -> dict[str, Any]:
    kind, pk = row.object_type, row.object_id
    if kind == "standard":
        standard = lookups.standards.get(pk)
        if standard is None:
            raise RenderError(f"standard {pk} no longer exists")
        return _activity(_standard_iri(standard, base), kind, standard.code)
    found: dict[str, Any] = {
        "item": lookups.items,
        "activity": lookups.activities,
        "goal": lookups.goals,
        "artifact": lookups.artifacts,
    }.get(kind, {})
    thing = found.get(pk)
    if thing is None:
        raise RenderError(f"{kind} {pk} no longer exists")
    plural = {"activity": "activities"}.get(kind, f"{kind}s")
    return _activity(f"{base}/{plural}/{pk}", kind, thing.title or "")


def _result(row: OutboxStatement, base: str) -> dict[str, Any] | None:
    facts = row.result or {}
    result: dict[str, Any] = {}
    if "success" in facts:
        result["success"] = bool(facts["success"])
    if "completion" in facts:
        result["completion"] = bool(facts["completion"])
    if "scaled" in facts:
        result["score"] = {"scaled": max(-1.0, min(1.0, float(facts["scaled"])))}
    if "seconds" in facts:
        result["duration"] = f"PT{int(facts['seconds'])}S"
    if "level" in facts:
        result["extensions"] = {f"{base}/xapi/extensions/level": facts["level"]}
    return result or None


def _context(row: OutboxStatement, lookups: Lookups, base: str) -> dict[str, Any]:
    activities: dict[str, Any] = {}
    if row.activity_id and row.activity_id in lookups.activities:
        activity = lookups.activities[row.activity_id]
        activities["parent"] = [
            _activity(f"{base}/activities/{activity.pk}", "activity", activity.title)
        ]
    standards = [lookups.standards[s] for s in row.standard_ids if s in lookups.standards]
    if standards:
        activities["other"] = [
            _activity(_standard_iri(s, base), "standard", s.code) for s in standards
        ]
    context: dict[str, Any] = {"platform": "LearnLoop", "language": LANGUAGE}
    if activities:
        context["contextActivities"] = activities
    return context


def _timestamp(when: datetime) -> str:
    return when.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def render_statement(row: OutboxStatement, config: LrsConfig, lookups: Lookups) -> dict[str, Any]:
    """The statement for one row, in the school's version; RenderError when it cannot be."""
    base = iri_base(config)
    statement: dict[str, Any] = {
        "id": str(row.id),
        "actor": _actor(lookups.users.get(row.student_id), config),
        "verb": {"id": verb_iri(row.verb, base), "display": {LANGUAGE: VERB_DISPLAY[row.verb]}},
        "object": _object(row, lookups, base),
        "context": _context(row, lookups, base),
        "timestamp": _timestamp(row.timestamp),
        "version": config.version,
    }
    result = _result(row, base)
    if result:
        statement["result"] = result
    return statement
