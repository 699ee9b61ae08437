"""The xAPI statement, as a JSON schema written from the specification (xAPI 1.0.3, and
IEEE 9274.1.1, "xAPI 2.0", where it differs), and the checks a schema cannot say.

Sources: xAPI-Data.md of the ADL specification, sections 2.4 (Statement properties),
2.4.2 (Actor: exactly one inverse functional identifier), 2.4.3 (Verb), 2.4.4 (Object:
Activity, Agent/Group, StatementRef, SubStatement), 2.4.5 (Result), 2.4.6 (Context),
4.2 (language maps), 4.5 (ISO 8601 timestamps and durations); 2.0 adds
`context.contextAgents` and `context.contextGroups` and requires a time zone on
timestamps. Our own statements and the specification's examples
(../shared/samples/xapi) are held to it by the tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
IRI = r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$"
MBOX = r"^mailto:[^@\s]+@[^@\s]+$"
SHA1 = r"^[0-9a-fA-F]{40}$"
LANGUAGE_TAG = r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$"
TIMESTAMP = (
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$"
)
TIMESTAMP_WITH_ZONE = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$"
DURATION = (
    r"^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?"
    r"(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$"
)
VERSION_1 = r"^1\.0(\.\d+)?$"
VERSION_2 = r"^2\.0(\.\d+)?$"
INTERACTION_TYPES = [
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
]
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")


def _defs(two: bool) -> dict[str, Any]:
    timestamp = TIMESTAMP_WITH_ZONE if two else TIMESTAMP
    language_map = {
        "type": "object",
        "propertyNames": {"pattern": LANGUAGE_TAG},
        "additionalProperties": {"type": "string"},
    }
    extensions = {"type": "object", "propertyNames": {"pattern": IRI}}
    ifi_properties = {
        "mbox": {"type": "string", "pattern": MBOX},
        "mbox_sha1sum": {"type": "string", "pattern": SHA1},
        "openid": {"type": "string", "pattern": IRI},
        "account": {"$ref": "#/$defs/account"},
    }
    exactly_one_ifi = {"oneOf": [{"required": [name]} for name in IFIS]}
    at_most_one_ifi = {
        "not": {"anyOf": [{"required": [a, b]} for i, a in enumerate(IFIS) for b in IFIS[i + 1 :]]}
    }
    interaction_component = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string", "minLength": 1}, "description": language_map},
        "additionalProperties": False,
    }
    components = {"type": "array", "items": interaction_component}
    context_properties: dict[str, Any] = {
        "registration": {"type": "string", "pattern": UUID},
        "instructor": {"$ref": "#/$defs/actor"},
        "team": {"$ref": "#/$defs/group"},
        "contextActivities": {"$ref": "#/$defs/contextActivities"},
        "revision": {"type": "string"},
        "platform": {"type": "string"},
        "language": {"type": "string", "pattern": LANGUAGE_TAG},
        "statement": {"$ref": "#/$defs/statementRef"},
        "extensions": extensions,
    }
    if two:
        context_properties["contextAgents"] = _context_members("contextAgent", "agent")
        context_properties["contextGroups"] = _context_members("contextGroup", "group")
    activity_list = {
        "oneOf": [
            {"$ref": "#/$defs/activity"},
            {"type": "array", "items": {"$ref": "#/$defs/activity"}},
        ]
    }
    return {
        "languageMap": language_map,
        "account": {
            "type": "object",
            "required": ["homePage", "name"],
            "properties": {
                "homePage": {"type": "string", "pattern": IRI},
                "name": {"type": "string", "minLength": 1},
            },
            "additionalProperties": False,
        },
        "agent": {
            "type": "object",
            "properties": {
                "objectType": {"const": "Agent"},
                "name": {"type": "string"},
                **ifi_properties,
            },
            "additionalProperties": False,
            **exactly_one_ifi,
        },
        "group": {
            "type": "object",
            "required": ["objectType"],
            "properties": {
                "objectType": {"const": "Group"},
                "name": {"type": "string"},
                "member": {"type": "array", "items": {"$ref": "#/$defs/agent"}},
                **ifi_properties,
            },
            "additionalProperties": False,
            # An anonymous group lists its members; an identified one may.
            "anyOf": [exactly_one_ifi, {"required": ["member"], **at_most_one_ifi}],
            **at_most_one_ifi,
        },
        "actor": {
            "oneOf": [
                {"$ref": "#/$defs/agent"},
                {"$ref": "#/$defs/group"},
            ]
        },
        "verb": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string", "pattern": IRI},
                "display": language_map,
            },
            "additionalProperties": False,
        },
        "activityDefinition": {
            "type": "object",
            "properties": {
                "name": language_map,
                "description": language_map,
                "type": {"type": "string", "pattern": IRI},
                "moreInfo": {"type": "string", "pattern": IRI},
                "extensions": extensions,
                "interactionType": {"enum": INTERACTION_TYPES},
                "correctResponsesPattern": {"type": "array", "items": {"type": "string"}},
                "choices": components,
                "scale": components,
                "source": components,
                "target": components,
                "steps": components,
            },
            "additionalProperties": False,
        },
        "activity": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "objectType": {"const": "Activity"},
                "id": {"type": "string", "pattern": IRI},
                "definition": {"$ref": "#/$defs/activityDefinition"},
            },
            "additionalProperties": False,
        },
        "statementRef": {
            "type": "object",
            "required": ["objectType", "id"],
            "properties": {
                "objectType": {"const": "StatementRef"},
                "id": {"type": "string", "pattern": UUID},
            },
            "additionalProperties": False,
        },
        "contextActivities": {
            "type": "object",
            "properties": {
                "parent": activity_list,
                "grouping": activity_list,
                "category": activity_list,
                "other": activity_list,
            },
            "additionalProperties": False,
        },
        "context": {
            "type": "object",
            "properties": context_properties,
            "additionalProperties": False,
        },
        "score": {
            "type": "object",
            "properties": {
                "scaled": {"type": "number", "minimum": -1, "maximum": 1},
                "raw": {"type": "number"},
                "min": {"type": "number"},
                "max": {"type": "number"},
            },
            "additionalProperties": False,
        },
        "result": {
            "type": "object",
            "properties": {
                "score": {"$ref": "#/$defs/score"},
                "success": {"type": "boolean"},
                "completion": {"type": "boolean"},
                "response": {"type": "string"},
                "duration": {"type": "string", "pattern": DURATION},
                "extensions": extensions,
            },
            "additionalProperties": False,
        },
        "attachment": {
            "type": "object",
            "required": ["usageType", "display", "contentType", "length", "sha2"],
            "properties": {
                "usageType": {"type": "string", "pattern": IRI},
                "display": language_map,
                "description": language_map,
                "contentType": {"type": "string"},
                "length": {"type": "integer", "minimum": 0},
                "sha2": {"type": "string"},
                "fileUrl": {"type": "string", "pattern": IRI},
            },
            "additionalProperties": False,
        },
        "subStatement": {
            "type": "object",
            "required": ["objectType", "actor", "verb", "object"],
            "properties": {
                "objectType": {"const": "SubStatement"},
                "actor": {"$ref": "#/$defs/actor"},
                "verb": {"$ref": "#/$defs/verb"},
                # A SubStatement may not hold another SubStatement.
                "object": {
                    "oneOf": [
                        {"$ref": "#/$defs/activityObject"},
                        {"$ref": "#/$defs/agentObject"},
                        {"$ref": "#/$defs/group"},
                        {"$ref": "#/$defs/statementRef"},
                    ]
                },
                "result": {"$ref": "#/$defs/result"},
                "context": {"$ref": "#/$defs/context"},
                "timestamp": {"type": "string", "pattern": timestamp},
                "attachments": {"type": "array", "items": {"$ref": "#/$defs/attachment"}},
            },
            "additionalProperties": False,
        },
        # As a statement's object, an Activity may omit objectType; an Agent must name it.
        "activityObject": {
            "allOf": [
                {"$ref": "#/$defs/activity"},
                {
                    "anyOf": [
                        {"not": {"required": ["objectType"]}},
                        {"properties": {"objectType": {"const": "Activity"}}},
                    ]
                },
            ]
        },
        "agentObject": {"allOf": [{"$ref": "#/$defs/agent"}, {"required": ["objectType"]}]},
    }


def statement_schema(version: str = "1.0.3") -> dict[str, Any]:
    """The schema of one statement in `version` ("1.0.3" or "2.0.0")."""
    two = version.startswith("2.")
    timestamp = TIMESTAMP_WITH_ZONE if two else TIMESTAMP
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"xAPI {version} Statement",
        "type": "object",
        "required": ["actor", "verb", "object"],
        "properties": {
            "id": {"type": "string", "pattern": UUID},
            "actor": {"$ref": "#/$defs/actor"},
            "verb": {"$ref": "#/$defs/verb"},
            "object": {
                "oneOf": [
                    {"$ref": "#/$defs/activityObject"},
                    {"$ref": "#/$defs/agentObject"},
                    {"$ref": "#/$defs/group"},
                    {"$ref": "#/$defs/statementRef"},
                    {"$ref": "#/$defs/subStatement"},
                ]
            },
            "result": {"$ref": "#/$defs/result"},
            "context": {"$ref": "#/$defs/context"},
            "timestamp": {"type": "string", "pattern": timestamp},
            "stored": {"type": "string", "pattern": timestamp},
            "authority": {"$ref": "#/$defs/actor"},
            "version": {"type": "string", "pattern": VERSION_2 if two else VERSION_1},
            "attachments": {"type": "array", "items": {"$ref": "#/$defs/attachment"}},
        },
        "additionalProperties": False,
        "$defs": _defs(two),
    }


@cache
def _validator(version: str, definition: str | None) -> Draft202012Validator:
    schema = statement_schema(version)
    if definition is not None:
        schema = {**schema, "$ref": f"#/$defs/{definition}"}
        for key in ("required", "properties", "additionalProperties", "type"):
            schema.pop(key)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _extra_problems(statement: dict[str, Any]) -> Iterator[str]:
    """What the schema cannot say: a raw score within min and max; context only on
    Activity objects' revision and platform (2.4.6)."""
    score = (statement.get("result") or {}).get("score") or {}
    low, high, raw = score.get("min"), score.get("max"), score.get("raw")
    if low is not None and high is not None and low > high:
        yield "result.score: min is more than max"
    if raw is not None and low is not None and raw < low:
        yield "result.score.raw: below min"
    if raw is not None and high is not None and raw > high:
        yield "result.score.raw: above max"
    context = statement.get("context") or {}
    target = statement.get("object") or {}
    activity = target.get("objectType", "Activity") == "Activity"
    for name in ("revision", "platform"):
        if name in context and not activity:
            yield f"context.{name}: only allowed when the object is an Activity"


def statement_problems(
    document: Any, *, version: str = "1.0.3", definition: str | None = None
) -> list[str]:
    """Every way `document` breaks the schema, as "path: message" (empty: valid).

    `definition` validates a part instead of a whole statement ("activity", "agent",
    "group", "subStatement", "activityDefinition").
    """
    validator = _validator(version, definition)
    problems = [
        f"{'.'.join(str(p) for p in error.absolute_path) or '(statement)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]
    if definition is None and isinstance(document, dict) and not problems:
        problems.extend(_extra_problems(document))
    return problems


def duration_is_valid(text: str) -> bool:
    return re.match(DURATION, text) is not None


def _context_members(object_type: str, member: str) -> dict[str, Any]:
    """xAPI 2.0's `contextAgents` / `contextGroups`: the same shape, an agent or a group."""
    return {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["objectType", member],
            "properties": {
                "objectType": {"const": object_type},
                member: {"$ref": f"#/$defs/{member}"},
                "relevantTypes": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "string", "pattern": IRI},
                },
            },
            "additionalProperties": False,
        },
    }
