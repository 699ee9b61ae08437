"""The plain records a CFPackage is read into: one shape for every CASE version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class NodeLink:
    identifier: str
    uri: str = ""
    title: str = ""
    target_type: str = ""


@dataclass
class DocumentRecord:
    identifier: str
    uri: str
    title: str
    creator: str = ""
    publisher: str = ""
    version: str = ""
    language: str = ""
    adoption_status: str = ""
    description: str = ""
    official_source_url: str = ""
    last_change_at: dt.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class ItemRecord:
    path: str
    identifier: str
    uri: str
    full_statement: str
    code: str = ""
    abbreviated_statement: str = ""
    item_type: str = ""
    education_levels: list[str] = field(default_factory=list)
    list_enumeration: str = ""
    notes: str = ""
    language: str = ""
    last_change_at: dt.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class AssociationRecord:
    path: str
    identifier: str
    uri: str
    association_type: str
    origin: NodeLink
    destination: NodeLink
    sequence_number: int | None = None
    last_change_at: dt.datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Package:
    source: str
    document: DocumentRecord
    items: list[ItemRecord]
    associations: list[AssociationRecord]
    warnings: list[str] = field(default_factory=list)
