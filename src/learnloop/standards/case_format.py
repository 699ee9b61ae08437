"""Read a CASE CFPackage (JSON) into plain records, leniently, naming the JSON path of any error.

Real packages differ from the 1.1 specification: pre-1.0 OpenSALT drafts use URI
identifiers, `educationalLevel` (a string) instead of `educationLevel` (an array),
timestamps without a time zone, `CFDocuments` instead of `CFDocument`, and node links as
plain strings. This module accepts those variants and normalizes them to the CASE 1.1
shape, so the importer and the exporter work on one form. It knows nothing of Django.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from learnloop.standards.case_errors import CaseImportError
from learnloop.standards.case_guard import Warnings, check_values, parse_json
from learnloop.standards.case_records import (
    AssociationRecord,
    DocumentRecord,
    ItemRecord,
    NodeLink,
    Package,
)

__all__ = [
    "AssociationRecord",
    "CaseImportError",
    "DocumentRecord",
    "ItemRecord",
    "NodeLink",
    "Package",
    "parse_json",
    "read_package",
]

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
# Fields a package may carry that we read, or knowingly pass over; anything else is
# reported as an extra field (lenient) and ignored.
CASE_1_0_KEYS = ("CFDocumentURI", "CFPackageURI", "subjectURL")
DRAFT_KEYS = (
    "educationalLevel", "CFItemAssociationURI", "CFAssociationGroupingIdentifier",
    "originNodeIdentifier", "destinationNodeIdentifier",
)  # fmt: skip
DRAFT_READ_KEYS = frozenset(
    {"educationalLevel", "originNodeIdentifier", "destinationNodeIdentifier"}
)
DOCUMENT_KEYS = frozenset({
    "identifier", "uri", "creator", "title", "lastChangeDateTime", "officialSourceURL",
    "publisher", "description", "language", "version", "adoptionStatus",
    *DOCUMENT_EXTRA_KEYS, *CASE_1_0_KEYS,
})  # fmt: skip
ITEM_KEYS = frozenset({
    "identifier", "uri", "fullStatement", "CFItemType", "humanCodingScheme", "listEnumeration",
    "abbreviatedStatement", "notes", "language", "educationLevel", "lastChangeDateTime",
    *ITEM_EXTRA_KEYS, *CASE_1_0_KEYS, *DRAFT_KEYS,
})  # fmt: skip
ASSOCIATION_KEYS = frozenset({
    "identifier", "uri", "associationType", "sequenceNumber", "originNodeURI",
    "destinationNodeURI", "lastChangeDateTime", *ASSOCIATION_EXTRA_KEYS, *CASE_1_0_KEYS,
    *DRAFT_KEYS,
})  # fmt: skip
PACKAGE_KEYS = frozenset({
    "CFDocument", "CFDocuments", "CFItems", "CFItem", "CFAssociations", "CFAssociation",
    "CFDefinitions", "CFRubrics", "CFPackageURI", "@context", "uri", "identifier",
})  # fmt: skip
MIN_SEQUENCE, MAX_SEQUENCE = -(2**31), 2**31 - 1  # an IntegerField on every database
ASCII_INTEGER = re.compile(r"[+-]?[0-9]+")
MAX_IDENTIFIER = 255
MAX_URI = 500
MAX_TITLE = 500
MAX_CODE = 100


def read_package(data: Any, source: str) -> Package:
    """Normalize a decoded CFPackage to records; raise CaseImportError on the first problem.

    Unambiguous deviations from CASE 1.1 are accepted and listed in `Package.warnings`,
    each naming its JSON path.
    """
    check_values(data, source)
    reader = _Reader(source)
    if not isinstance(data, dict):
        raise reader.error("$", f"expected a JSON object (a CFPackage), got {_kind(data)}")
    reader.extra_keys(data, PACKAGE_KEYS, "$")
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
    if data.get("CFRubrics"):
        reader.warn("$.CFRubrics", "rubrics are not imported")
    return Package(
        source=source,
        document=document,
        items=items,
        associations=associations,
        warnings=reader.warnings.lines(),
    )


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
        self.warnings = Warnings()

    def error(self, path: str, problem: str) -> CaseImportError:
        return CaseImportError(self.source, path, problem)

    def warn(self, path: str, message: str) -> None:
        self.warnings.add(path, message)

    def extra_keys(self, obj: dict[str, Any], known: frozenset[str], path: str) -> None:
        for key in obj:
            if key not in known:
                self.warn(f"{path}.{key}", "not a CASE field; ignored")
            elif key in DRAFT_KEYS:
                done = "read as its CASE 1.1 form" if key in DRAFT_READ_KEYS else "ignored"
                self.warn(f"{path}.{key}", f"a pre-1.0 draft field; {done}")

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
        self.extra_keys(obj, DOCUMENT_KEYS, path)
        extra = {k: obj[k] for k in DOCUMENT_EXTRA_KEYS if obj.get(k) is not None}
        if "subject" in extra:
            extra["subject"] = self.strings(extra["subject"], f"{path}.subject")
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
        self.extra_keys(obj, ITEM_KEYS, path)
        identifier = self.identifier(obj, path)
        extra = {k: obj[k] for k in ITEM_EXTRA_KEYS if obj.get(k) is not None}
        for key in ("subject", "conceptKeywords"):
            if key in extra:
                extra[key] = self.strings(extra[key], f"{path}.{key}")
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
            extra=extra,
        )

    def association(self, raw: Any, path: str) -> AssociationRecord:
        obj = self.obj(raw, path)
        self.extra_keys(obj, ASSOCIATION_KEYS, path)
        identifier = self.identifier(obj, path)
        kind = self.text(obj, "associationType", path, 40, required=True)
        sequence = self.integer(obj.get("sequenceNumber"), f"{path}.sequenceNumber")
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
        """A string field. Short fields (with a max_length) lose surrounding spaces."""
        value, where = obj.get(key), f"{path}.{key}"
        if isinstance(value, int) and not isinstance(value, bool):
            # A whole number has one spelling; 1.10 written as 1.1 has lost its text.
            self.warn(where, "a whole number where text is expected; read as text")
            value = str(value)
        if value is not None and not isinstance(value, str):
            raise self.error(where, f"expected a string, got {_kind(value)}")
        if value and max_length is not None and value != value.strip():
            self.warn(where, "surrounding spaces removed")
            value = value.strip()
        if required and not (value or "").strip():
            raise self.error(where, "missing or empty")
        if value and max_length is not None and len(value) > max_length:
            raise self.error(where, f"longer than {max_length} characters")
        return value or ""

    def integer(self, value: Any, path: str) -> int | None:
        """An integer; one written as a string ("3") or as 3.0 is read, with a warning."""
        if value is None:
            return None
        if isinstance(value, str) and ASCII_INTEGER.fullmatch(value.strip()):
            self.warn(path, "an integer written as a string; read as a number")
            value = int(value.strip())
        elif isinstance(value, float) and value.is_integer():
            self.warn(path, "an integer written with a fraction; read as a whole number")
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(path, f"expected an integer, got {_kind(value)}")
        if not MIN_SEQUENCE <= value <= MAX_SEQUENCE:
            raise self.error(path, f"{value} is out of range ({MIN_SEQUENCE} to {MAX_SEQUENCE})")
        return value

    def education_levels(self, obj: dict[str, Any], path: str) -> list[str]:
        if "educationLevel" in obj and obj["educationLevel"] is not None:
            key, value = "educationLevel", obj["educationLevel"]
        else:
            key, value = "educationalLevel", obj.get("educationalLevel")
        if value is None:
            return []
        if isinstance(value, str) and key == "educationalLevel":  # the drafts' comma list
            return [level.strip() for level in value.split(",") if level.strip()]
        return self.strings(value, f"{path}.{key}")

    def strings(self, value: Any, path: str) -> list[str]:
        """An array of strings; a single string or number stands for an array of one."""
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            self.warn(path, "a single value where an array is expected; read as an array of one")
            value = [value]
        if not isinstance(value, list):
            raise self.error(path, f"expected an array of strings, got {_kind(value)}")
        result = []
        for index, entry in enumerate(value):
            if isinstance(entry, int) and not isinstance(entry, bool):
                self.warn(f"{path}[{index}]", "a whole number where text is expected; read as text")
                entry = str(entry)
            if not isinstance(entry, str):
                raise self.error(f"{path}[{index}]", f"expected a string, got {_kind(entry)}")
            if entry != entry.strip():
                self.warn(f"{path}[{index}]", "surrounding spaces removed")
            result.append(entry.strip())
        return result

    def timestamp(self, obj: dict[str, Any], path: str) -> dt.datetime | None:
        """ISO 8601 date-time; one without a time zone (as drafts write) is taken as UTC."""
        value = obj.get("lastChangeDateTime")
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise self.error(f"{path}.lastChangeDateTime", f"expected a string, got {_kind(value)}")
        try:
            moment = dt.datetime.fromisoformat(value.strip())
            if moment.tzinfo is None:
                self.warn(f"{path}.lastChangeDateTime", "no time zone; taken as UTC")
                moment = moment.replace(tzinfo=dt.UTC)
            return moment.astimezone(dt.UTC)
        except (ValueError, OverflowError):
            raise self.error(
                f"{path}.lastChangeDateTime", f"not an ISO 8601 date-time in range: {value[:40]!r}"
            ) from None


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
