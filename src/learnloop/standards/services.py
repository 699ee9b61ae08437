"""Every write about standards frameworks: CASE import, in one transaction, idempotent.

Re-importing a document updates its rows in place, keyed by CASE identifier, and
reports what it created, updated and left unchanged. Standards that a newer package no
longer lists are kept (activities, evidence and mastery may point at them) and counted
as `kept_missing`; associations the package no longer lists are deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction

from learnloop.schools.models import Classroom
from learnloop.standards.case_format import (
    AssociationRecord,
    CaseImportError,
    ItemRecord,
    Package,
    parse_json,
    read_package,
)
from learnloop.standards.case_guard import check_values
from learnloop.standards.case_hierarchy import Placement, place_items
from learnloop.standards.case_schema import validate_strictly
from learnloop.standards.models import Framework, Standard, StandardAssociation

__all__ = [
    "CaseImportError",
    "ImportCounts",
    "ImportReport",
    "adopt_framework",
    "import_case",
    "import_case_file",
]

MAX_FILE_BYTES = 64 * 1024 * 1024  # the Common Core as a package is under 2 MB

STANDARD_FIELDS = (
    "uri", "code", "full_statement", "abbreviated_statement", "item_type", "education_levels",
    "list_enumeration", "notes", "language", "last_change_at", "extra", "parent_id", "sequence",
)  # fmt: skip
ASSOCIATION_FIELDS = (
    "uri", "association_type", "origin_id", "origin_identifier", "origin_uri", "origin_title",
    "destination_id", "destination_identifier", "destination_uri", "destination_title",
    "sequence_number", "last_change_at", "extra",
)  # fmt: skip
FRAMEWORK_FIELDS = (
    "uri", "title", "creator", "publisher", "version", "subject", "language", "adoption_status",
    "description", "official_source_url", "last_change_at", "extra",
)  # fmt: skip


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class ImportReport:
    framework: Framework
    documents: ImportCounts = field(default_factory=ImportCounts)
    items: ImportCounts = field(default_factory=ImportCounts)
    associations: ImportCounts = field(default_factory=ImportCounts)
    kept_missing_items: int = 0
    deleted_associations: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(
            counts.created or counts.updated
            for counts in (self.documents, self.items, self.associations)
        ) or bool(self.deleted_associations)


def import_case_file(
    *, path: Path, strict: bool = False, schema_path: Path | None = None
) -> ImportReport:
    """Import a CFPackage JSON file; errors name the file and the JSON path."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CaseImportError(str(path), "", f"larger than {MAX_FILE_BYTES} bytes")
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseImportError(str(path), "", f"cannot read the file: {error}") from None
    return import_case(
        data=parse_json(text, str(path)), source=str(path), strict=strict, schema_path=schema_path
    )


def import_case(
    *, data: Any, source: str, strict: bool = False, schema_path: Path | None = None
) -> ImportReport:
    """Create or update one framework from a decoded CFPackage; all or nothing.

    Lenient by default: unambiguous deviations from CASE 1.1 are read and listed in
    `report.warnings`. `strict` checks the CASE 1.1 JSON schema, then refuses any
    deviation the schema lets through (spaces around a code, say). Every refusal is a
    CaseImportError, and a refusal leaves the database as it was.
    """
    check_values(data, source)
    if strict:
        validate_strictly(data, source=source, schema_path=schema_path)
    package = read_package(data, source)
    if strict and package.warnings:  # what the schema allows but is still not clean CASE
        shown = "\n".join(f"  {warning}" for warning in package.warnings)
        raise CaseImportError(
            source, "", f"{len(package.warnings)} deviation(s) refused by --strict:\n{shown}"
        )
    placements = place_items(package)
    try:
        return _write_package(package, placements)
    except DatabaseError as error:
        raise CaseImportError(source, "", f"the database refused the package: {error}") from None


@transaction.atomic
def _write_package(package: Package, placements: dict[str, Placement]) -> ImportReport:
    documents = ImportCounts()
    report = ImportReport(
        framework=_upsert_framework(package, documents),
        documents=documents,
        warnings=package.warnings,
    )
    standards = _upsert_standards(report, package, placements)
    _upsert_associations(report, package, standards)
    return report


@transaction.atomic
def adopt_framework(*, classroom: Classroom, framework: Framework) -> None:
    """The class follows this framework (idempotent)."""
    classroom.frameworks.add(framework)


def _upsert_framework(package: Package, counts: ImportCounts) -> Framework:
    document = package.document
    subject = document.extra.get("subject", [])
    values = {
        "uri": document.uri,
        "title": document.title,
        "creator": document.creator,
        "publisher": document.publisher,
        "version": document.version,
        "subject": ", ".join(subject)[:255],
        "language": document.language,
        "adoption_status": document.adoption_status,
        "description": document.description,
        "official_source_url": document.official_source_url,
        "last_change_at": document.last_change_at,
        "extra": document.extra,
    }
    framework = Framework.objects.filter(identifier=document.identifier).first()
    if framework is None:
        counts.created += 1
        return Framework.objects.create(identifier=document.identifier, **values)
    changed = _apply(framework, values)
    if changed:
        framework.save(update_fields=[*changed, "updated_at"])
        counts.updated += 1
    else:
        counts.unchanged += 1
    return framework


def _upsert_standards(
    report: ImportReport, package: Package, placements: dict[str, Placement]
) -> dict[str, Standard]:
    framework = report.framework
    existing = {s.identifier: s for s in Standard.objects.filter(framework=framework)}
    new = [
        Standard(framework=framework, identifier=item.identifier, **_item_values(item))
        for item in package.items
        if item.identifier not in existing
    ]
    created = {s.identifier: s for s in Standard.objects.bulk_create(new)}
    report.items.created = len(created)
    by_identifier = {**existing, **created}
    to_update: list[Standard] = []
    for item in package.items:
        standard = by_identifier[item.identifier]
        placement = placements[item.identifier]
        parent = by_identifier.get(placement.parent_identifier or "")
        values = {
            **_item_values(item),
            "parent_id": parent.pk if parent else None,
            "sequence": placement.sequence,
        }
        if _apply(standard, values):
            to_update.append(standard)
            if item.identifier not in created:
                report.items.updated += 1
        elif item.identifier not in created:
            report.items.unchanged += 1
    Standard.objects.bulk_update(to_update, STANDARD_FIELDS, batch_size=500)
    listed = {item.identifier for item in package.items}
    report.kept_missing_items = sum(1 for identifier in existing if identifier not in listed)
    return by_identifier


def _item_values(item: ItemRecord) -> dict[str, Any]:
    return {
        "uri": item.uri,
        "code": item.code,
        "full_statement": item.full_statement,
        "abbreviated_statement": item.abbreviated_statement,
        "item_type": item.item_type,
        "education_levels": item.education_levels,
        "list_enumeration": item.list_enumeration,
        "notes": item.notes,
        "language": item.language,
        "last_change_at": item.last_change_at,
        "extra": item.extra,
    }


def _upsert_associations(
    report: ImportReport, package: Package, standards: dict[str, Standard]
) -> None:
    framework = report.framework
    existing = {a.identifier: a for a in StandardAssociation.objects.filter(framework=framework)}
    to_create: list[StandardAssociation] = []
    to_update: list[StandardAssociation] = []
    for record in package.associations:
        values = _association_values(record, standards)
        association = existing.get(record.identifier)
        if association is None:
            to_create.append(
                StandardAssociation(framework=framework, identifier=record.identifier, **values)
            )
        elif _apply(association, values):
            to_update.append(association)
        else:
            report.associations.unchanged += 1
    StandardAssociation.objects.bulk_create(to_create, batch_size=500)
    StandardAssociation.objects.bulk_update(to_update, ASSOCIATION_FIELDS, batch_size=500)
    report.associations.created = len(to_create)
    report.associations.updated = len(to_update)
    listed = {record.identifier for record in package.associations}
    stale = [a.pk for identifier, a in existing.items() if identifier not in listed]
    report.deleted_associations = len(stale)
    StandardAssociation.objects.filter(pk__in=stale).delete()


def _association_values(
    record: AssociationRecord, standards: dict[str, Standard]
) -> dict[str, Any]:
    origin = standards.get(record.origin.identifier)
    destination = standards.get(record.destination.identifier)
    extra = dict(record.extra)
    for end, link in (("origin", record.origin), ("destination", record.destination)):
        if link.target_type:
            extra[f"{end}TargetType"] = link.target_type
    return {
        "uri": record.uri,
        "association_type": record.association_type,
        "origin_id": origin.pk if origin else None,
        "origin_identifier": record.origin.identifier,
        "origin_uri": record.origin.uri,
        "origin_title": record.origin.title,
        "destination_id": destination.pk if destination else None,
        "destination_identifier": record.destination.identifier,
        "destination_uri": record.destination.uri,
        "destination_title": record.destination.title,
        "sequence_number": record.sequence_number,
        "last_change_at": record.last_change_at,
        "extra": extra,
    }


def _apply(instance: Any, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; return the names of the fields that changed."""
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    return changed
