"""Small CASE packages built in code, and the path to the shared samples."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from learnloop.standards.case_schema import DEFAULT_SCHEMA, SHARED

SAMPLES = SHARED / "samples" / "case"
DOC_ID = "11111111-1111-4111-8111-111111111111"
STAMP = "2026-01-05T10:00:00+00:00"


def sample(name: str) -> Path:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (../shared is not checked out here)")
    return path


def schema() -> Path:
    if not DEFAULT_SCHEMA.is_file():
        pytest.skip("the CASE 1.1 schema in ../shared is absent")
    return DEFAULT_SCHEMA


def item_id(n: int) -> str:
    return f"22222222-2222-4222-8222-{n:012d}"


def association_id(n: int) -> str:
    return f"33333333-3333-4333-8333-{n:012d}"


def link(identifier: str, title: str = "") -> dict[str, str]:
    return {"title": title, "identifier": identifier, "uri": f"urn:uuid:{identifier}"}


def association(n: int, kind: str, origin: str, destination: str, **more: Any) -> dict[str, Any]:
    return {
        "identifier": association_id(n),
        "uri": f"urn:uuid:{association_id(n)}",
        "associationType": kind,
        "originNodeURI": link(origin),
        "destinationNodeURI": link(destination),
        "lastChangeDateTime": STAMP,
        **more,
    }


def tiny_package() -> dict[str, Any]:
    """A document with A (children A.1, A.2) and B; A.1 precedes A.2; A.2 matches outside."""
    items = [
        ("A", "Group A", 1),
        ("A.1", "First skill", 2),
        ("A.2", "Second skill", 3),
        ("B", "Skill B", 4),
    ]
    return copy.deepcopy(
        {
            "CFDocument": {
                "identifier": DOC_ID,
                "uri": f"urn:uuid:{DOC_ID}",
                "creator": "Test",
                "title": "Tiny framework",
                "lastChangeDateTime": STAMP,
            },
            "CFItems": [
                {
                    "identifier": item_id(n),
                    "uri": f"urn:uuid:{item_id(n)}",
                    "humanCodingScheme": code,
                    "fullStatement": statement,
                    "educationLevel": ["06"],
                    "lastChangeDateTime": STAMP,
                }
                for code, statement, n in items
            ],
            "CFAssociations": [
                association(1, "isChildOf", item_id(1), DOC_ID, sequenceNumber=2),
                association(2, "isChildOf", item_id(4), DOC_ID, sequenceNumber=1),
                association(3, "isChildOf", item_id(3), item_id(1), sequenceNumber=2),
                association(4, "isChildOf", item_id(2), item_id(1), sequenceNumber=1),
                association(5, "precedes", item_id(2), item_id(3)),
                association(6, "exactMatchOf", item_id(3), "http://example.org/elsewhere/A2"),
            ],
        }
    )
