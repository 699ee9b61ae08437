"""The statement schema against the specification's own examples and against breakage."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from learnloop.xapi.schema import duration_is_valid, statement_problems

SHARED = Path(os.environ.get("LEARNLOOP_SHARED", Path(__file__).parents[5] / "shared"))
SAMPLES = SHARED / "samples" / "xapi"
if not SAMPLES.is_dir():  # a worktree beside the repository: ../../shared
    SAMPLES = Path(__file__).parents[6] / "shared" / "samples" / "xapi"

PARTS = {
    "appB-1": "activity",
    "appB-2": "agent",
    "appB-3": "group",
    "appB-4": "subStatement",
}


def _samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.json")) if SAMPLES.is_dir() else []


def _problems(path: Path, version: str = "1.0.3") -> list[str]:
    document = json.loads(path.read_text())
    prefix = path.name[:6]
    if prefix.startswith("appA"):
        return statement_problems(document, version=version)
    if prefix in PARTS:
        return statement_problems(document, version=version, definition=PARTS[prefix])
    return statement_problems(
        document["definition"], version=version, definition="activityDefinition"
    )


@pytest.mark.shared
def test_every_example_of_the_specification_is_valid() -> None:
    samples = _samples()
    if not samples:
        pytest.skip("../shared/samples/xapi is absent")
    assert len(samples) >= 17
    assert {path.name: _problems(path) for path in samples} == {p.name: [] for p in samples}


SIMPLE: dict[str, Any] = {
    "id": "fd41c918-b88b-4b20-a0a5-a4c32391aaa0",
    "timestamp": "2015-11-18T12:17:00+00:00",
    "actor": {"objectType": "Agent", "mbox": "mailto:user@example.com"},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/answered", "display": {"en-US": "answered"}},
    "object": {"id": "http://example.com/items/1", "objectType": "Activity"},
    "result": {"success": True, "score": {"scaled": 0.5, "raw": 5, "min": 0, "max": 10}},
}


def _broken(change: str) -> dict[str, Any]:
    statement = copy.deepcopy(SIMPLE)
    if change == "no actor":
        del statement["actor"]
    elif change == "two identifiers":
        statement["actor"]["account"] = {"homePage": "http://x.org", "name": "1"}
    elif change == "no identifier":
        statement["actor"] = {"objectType": "Agent", "name": "Nobody"}
    elif change == "bad id":
        statement["id"] = "not-a-uuid"
    elif change == "verb not an IRI":
        statement["verb"]["id"] = "answered"
    elif change == "mbox without mailto":
        statement["actor"]["mbox"] = "user@example.com"
    elif change == "scaled above 1":
        statement["result"]["score"]["scaled"] = 1.5
    elif change == "raw above max":
        statement["result"]["score"]["raw"] = 11
    elif change == "bad duration":
        statement["result"]["duration"] = "12 seconds"
    elif change == "bad language tag":
        statement["verb"]["display"] = {"en US!": "answered"}
    elif change == "unknown property":
        statement["score"] = 1
    elif change == "nested substatement":
        inner = {k: statement[k] for k in ("actor", "verb", "object")}
        statement["object"] = {
            "objectType": "SubStatement",
            **{k: statement[k] for k in ("actor", "verb")},
            "object": {"objectType": "SubStatement", **inner},
        }
    elif change == "statement ref without uuid":
        statement["object"] = {"objectType": "StatementRef", "id": "http://x.org/1"}
    elif change == "platform on an agent object":
        statement["object"] = {"objectType": "Agent", "mbox": "mailto:b@example.com"}
        statement["context"] = {"platform": "LearnLoop"}
    elif change == "unknown interaction type":
        statement["object"]["definition"] = {"interactionType": "essay"}
    return statement


@pytest.mark.parametrize(
    "change",
    [
        "no actor",
        "two identifiers",
        "no identifier",
        "bad id",
        "verb not an IRI",
        "mbox without mailto",
        "scaled above 1",
        "raw above max",
        "bad duration",
        "bad language tag",
        "unknown property",
        "nested substatement",
        "statement ref without uuid",
        "platform on an agent object",
        "unknown interaction type",
    ],
)
def test_a_broken_statement_is_refused_with_its_path(change: str) -> None:
    assert statement_problems(SIMPLE) == []
    assert statement_problems(_broken(change)), change


def test_version_2_requires_a_time_zone_and_allows_context_agents() -> None:
    statement = copy.deepcopy(SIMPLE)
    statement["timestamp"] = "2015-11-18T12:17:00"
    assert statement_problems(statement, version="1.0.3") == []
    assert statement_problems(statement, version="2.0.0")
    agents = {
        "contextAgents": [{"objectType": "contextAgent", "agent": {"mbox": "mailto:t@example.com"}}]
    }
    with_agents = {**SIMPLE, "context": agents}
    assert statement_problems(with_agents, version="2.0.0") == []
    assert statement_problems(with_agents, version="1.0.3")
    assert statement_problems({**SIMPLE, "version": "2.0.0"}, version="1.0.3")


def test_durations() -> None:
    assert duration_is_valid("PT1234S") and duration_is_valid("PT1H0M0S")
    assert not duration_is_valid("P") and not duration_is_valid("PT")
