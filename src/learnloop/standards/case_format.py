"""Read a CASE CFPackage (JSON) into plain records, leniently, naming the JSON path of any error.

Real packages differ from the 1.1 specification: pre-1.0 OpenSALT drafts use URI
identifiers, `educationalLevel` (a string) instead of `educationLevel` (an array),
timestamps without a time zone, `CFDocuments` instead of `CFDocument`, and node links as
plain strings. This module accepts those variants and normalizes them to the CASE 1.1
shape, so the importer and the exporter work on one form. It knows nothing of Django.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

# CASE 1.1 fields we keep verbatim in `extra` (they have no column of their own); anything
# else (draft-only keys such as CFItemAssociationURI) is dropped so that exports validate.
DOCUMENT_EXTRA_KEYS = (
    "frameworkType",
    "caseVersion",
    "subject",
    "subjectURI",
    "statusStartDate",
    "statusEndDate",
    "licenseURI",
    "notes",
    "extensions",
)
ITEM_EXTRA_KEYS = (
    "alternativeLabel",
    "conceptKeywords",
    "conceptKeywordsURI",
    "subject",
    "subjectURI",
    "CFItemTypeURI",
    "licenseURI",
    "statusStartDate",
    "statusEndDate",
    "extensions",
)
ASSOCIATION_EXTRA_KEYS = ("CFAssociationGroupingURI", "notes", "extensions")
NUMBERS_AS_TEXT = frozenset({"version", "listEnumeration", "humanCodingScheme"})
MAX_IDENTIFIER = 255
MAX_URI = 500
MAX_TITLE = 500
MAX_CODE = 100


class CaseImportError(ValueError):
    """A package we cannot import. The message names the file and the JSON path."""

    def __init__(self, source: str, path: str, problem: str) -> None:
        self.source = source
        self.path = path
        self.problem = problem
        super().__init__(f"{source}: {path}: {problem}" if path else f"{source}: {problem}")


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


def parse_json(text: str, source: str) -> Any:
    """JSON text to Python, or an error with the line and column where it broke."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseImportError(
            source, "", f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None


def read_package(data: Any, source: str) -> Package:
    """Normalize a decoded CFPackage to records; raise CaseImportError on the first problem."""
    reader = _Reader(source)
    if not isinstance(data, dict):
        raise reader.error("$", f"expected a JSON object (a CFPackage), got {_kind(data)}")
    document = reader.document(data)
    items = [
        reader.item(entry, f"$.{key}[{index}]")
        for key, entries in [reader.list_of(data, ("CFItems", "CFItem"))]
        for index, entry in enumerate(entries)
    ]
    associations = [
        reader.association(entry, f"$.{key}[{index}]")
        for key, entries in [reader.list_of(data, ("CFAssociations", "CFAssociation"))]
        for index, entry in enumerate(entries)
    ]
    _check_unique(reader, items, "item")
    _check_unique(reader, associations, "association")
    definitions = data.get("CFDefinitions")
    if definitions is not None:
        if not isinstance(definitions, dict):
            raise reader.error("$.CFDefinitions", f"expected an object, got {_kind(definitions)}")
        document.extra["CFDefinitions"] = definitions
    return Package(source=source, document=document, items=items, associations=associations)


def _check_unique(reader: _Reader, records: list[Any], what: str) -> None:
    seen: dict[str, str] = {}
    for record in records:
        if record.identifier in seen:
            raise reader.error(
                f"{record.path}.identifier",
                f"duplicate {what} identifier {record.identifier!r}"
                f" (also at {seen[record.identifier]})",
            )
        seen[record.identifier] = record.path


class _Reader:
    """Typed field access that knows the JSON path of what it reads."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, path: str, problem: str) -> CaseImportError:
        return CaseImportError(self.source, path, problem)

    def list_of(self, data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, list[Any]]:
        for key in keys:
            if key in data and data[key] is not None:
                value = data[key]
                if not isinstance(value, list):
                    raise self.error(f"$.{key}", f"expected an array, got {_kind(value)}")
                return key, value
        return keys[0], []

    def document(self, data: dict[str, Any]) -> DocumentRecord:
        key = "CFDocument" if "CFDocument" in data else "CFDocuments"
        raw = data.get(key)
        path = f"$.{key}"
        if isinstance(raw, list) and len(raw) == 1:
            raw, path = raw[0], f"{path}[0]"
        if raw is None:
            raise self.error("$.CFDocument", "missing: a CFPackage needs its CFDocument")
        obj = self.obj(raw, path)
        extra = {k: obj[k] for k in DOCUMENT_EXTRA_KEYS if obj.get(k) is not None}
        if isinstance(extra.get("subject"), str):
            extra["subject"] = [extra["subject"]]
        self.check_list_of_strings(extra.get("subject", []), f"{path}.subject")
        identifier = self.identifier(obj, path)
        return DocumentRecord(
            identifier=identifier,
            uri=self.text(obj, "uri", path, MAX_URI) or _default_uri(identifier),
            title=self.text(obj, "title", path, MAX_TITLE, required=True),
            creator=self.text(obj, "creator", path, 255),
            publisher=self.text(obj, "publisher", path, 255),
            version=self.text(obj, "version", path, 100),
            language=self.text(obj, "language", path, 20),
            adoption_status=self.text(obj, "adoptionStatus", path, 50),
            description=self.text(obj, "description", path),
            official_source_url=self.text(obj, "officialSourceURL", path, MAX_URI),
            last_change_at=self.timestamp(obj, path),
            extra=extra,
        )

    def item(self, raw: Any, path: str) -> ItemRecord:
        obj = self.obj(raw, path)
        identifier = self.identifier(obj, path)
        return ItemRecord(
            path=path,
            identifier=identifier,
            uri=self.text(obj, "uri", path, MAX_URI) or _default_uri(identifier),
            full_statement=self.text(obj, "fullStatement", path, required=True),
            code=self.text(obj, "humanCodingScheme", path, MAX_CODE),
            abbreviated_statement=self.text(obj, "abbreviatedStatement", path, 500),
            item_type=self.text(obj, "CFItemType", path, 100),
            education_levels=self.education_levels(obj, path),
            list_enumeration=self.text(obj, "listEnumeration", path, 50),
            notes=self.text(obj, "notes", path),
            language=self.text(obj, "language", path, 20),
            last_change_at=self.timestamp(obj, path),
            extra={k: obj[k] for k in ITEM_EXTRA_KEYS if obj.get(k) is not None},
        )

    def association(self, raw: Any, path: str) -> AssociationRecord:
        obj = self.obj(raw, path)
        identifier = self.identifier(obj, path)
        kind = self.text(obj, "associationType", path, 40, required=True)
        sequence = obj.get("sequenceNumber")
        if sequence is not None and (not isinstance(sequence, int) or isinstance(sequence, bool)):
            raise self.error(
                f"{path}.sequenceNumber", f"expected an integer, got {_kind(sequence)}"
            )
        extra = {k: obj[k] for k in ASSOCIATION_EXTRA_KEYS if obj.get(k) is not None}
        return AssociationRecord(
            path=path,
            identifier=identifier,
            uri=self.text(obj, "uri", path, MAX_URI) or _default_uri(identifier),
            association_type=kind,
            origin=self.node(obj, "origin", path),
            destination=self.node(obj, "destination", path),
            sequence_number=sequence,
            last_change_at=self.timestamp(obj, path),
            extra=extra,
        )

    def node(self, obj: dict[str, Any], end: str, path: str) -> NodeLink:
        """originNodeURI / destinationNodeURI: a LinkGenURI object, or (drafts) a plain URI."""
        key = f"{end}NodeURI"
        raw = obj.get(key)
        loose_identifier = obj.get(f"{end}NodeIdentifier")
        if isinstance(raw, str) or (raw is None and isinstance(loose_identifier, str)):
            identifier = loose_identifier if isinstance(loose_identifier, str) else raw
            link = NodeLink(identifier=identifier or "", uri=raw or "")
        elif isinstance(raw, dict):
            node_path = f"{path}.{key}"
            link = NodeLink(
                identifier=self.text(raw, "identifier", node_path, MAX_IDENTIFIER)
                or (loose_identifier if isinstance(loose_identifier, str) else ""),
                uri=self.text(raw, "uri", node_path, MAX_URI),
                title=self.text(raw, "title", node_path, MAX_TITLE),
                target_type=self.text(raw, "targetType", node_path, 100),
            )
        elif raw is None:
            raise self.error(f"{path}.{key}", "missing: an association needs both ends")
        else:
            raise self.error(f"{path}.{key}", f"expected an object, got {_kind(raw)}")
        if not link.identifier.strip():
            raise self.error(f"{path}.{key}.identifier", "missing or empty")
        if len(link.uri) > MAX_URI:
            raise self.error(f"{path}.{key}", f"URI longer than {MAX_URI} characters")
        return link

    def obj(self, raw: Any, path: str) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.error(path, f"expected an object, got {_kind(raw)}")
        return raw

    def identifier(self, obj: dict[str, Any], path: str) -> str:
        value = self.text(obj, "identifier", path, MAX_IDENTIFIER, required=True)
        return value.strip()

    def text(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        max_length: int | None = None,
        *,
        required: bool = False,
    ) -> str:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip() and required):
            if required:
                raise self.error(f"{path}.{key}", "missing or empty")
            return ""
        if (
            key in NUMBERS_AS_TEXT
            and isinstance(value, (int, float))
            and not isinstance(value, bool)
        ):
            value = str(value)  # drafts write versions and enumerations as numbers
        if not isinstance(value, str):
            raise self.error(f"{path}.{key}", f"expected a string, got {_kind(value)}")
        if max_length is not None and len(value) > max_length:
            raise self.error(f"{path}.{key}", f"longer than {max_length} characters")
        return value

    def education_levels(self, obj: dict[str, Any], path: str) -> list[str]:
        if "educationLevel" in obj and obj["educationLevel"] is not None:
            key, value = "educationLevel", obj["educationLevel"]
        else:
            key, value = "educationalLevel", obj.get("educationalLevel")
        if value is None:
            return []
        if isinstance(value, str):
            return [level.strip() for level in value.split(",") if level.strip()]
        self.check_list_of_strings(value, f"{path}.{key}")
        return list(value)

    def check_list_of_strings(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise self.error(path, f"expected an array of strings, got {_kind(value)}")
        for index, entry in enumerate(value):
            if not isinstance(entry, str):
                raise self.error(f"{path}[{index}]", f"expected a string, got {_kind(entry)}")

    def timestamp(self, obj: dict[str, Any], path: str) -> dt.datetime | None:
        """ISO 8601 date-time; one without a time zone (as drafts write) is taken as UTC."""
        value = obj.get("lastChangeDateTime")
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.error(f"{path}.lastChangeDateTime", f"expected a string, got {_kind(value)}")
        try:
            moment = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise self.error(
                f"{path}.lastChangeDateTime", f"not an ISO 8601 date-time: {value!r}"
            ) from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(dt.UTC)


def _default_uri(identifier: str) -> str:
    """A package without `uri` still needs one on export; derive it from the identifier."""
    if identifier.startswith(("http://", "https://", "urn:")):
        return identifier
    return f"urn:uuid:{identifier}"


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
