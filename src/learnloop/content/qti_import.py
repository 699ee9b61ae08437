"""Import QTI items from one XML file or a zip (IMS content package or plain zip of items).

Every file is read and checked before anything is written. By default an item we cannot
import (an unsupported interaction, a broken file) is skipped and listed with its
reason (file, line, what), and the other items are imported; `strict` refuses the whole
package instead. A hostile file (XML entities, external references) or a broken package
(unsafe zip paths, missing files) always refuses the whole package, as does a package in
which no item can be imported. Items are created or updated in one transaction, keyed by
"<school slug or shared>:<identifier>", so importing the same package again updates the
items instead of copying them. A refusal writes nothing.

Resources in a content package that are not items (assessment tests, media files) are
listed as skipped in the report, by name; the items they point to must be listed as
item resources themselves, as the content packaging specification requires.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction

from learnloop.content.models import Source, Status
from learnloop.content.qti import QtiError, QtiItem, parse_item, parse_xml
from learnloop.content.services import upsert_item
from learnloop.schools.models import School

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_FILES = 5000
MANIFEST = "imsmanifest.xml"


class QtiImportError(Exception):
    """The import was refused; `problems` says why, one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)  # package resources that are not items
    skipped_items: list[str] = field(default_factory=list)  # items not imported, and why
    notes: list[str] = field(default_factory=list)  # what imported items left out (feedback)


@dataclass(frozen=True)
class _Document:
    name: str
    data: bytes


def read_documents(path: Path) -> tuple[list[_Document], list[str]]:
    """The item XML documents at `path` and notices about skipped package resources."""
    if not path.exists():
        raise QtiImportError([f"{path}: no such file"])
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return _read_zip(archive, path.name)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise QtiImportError([f"{path.name}: larger than {MAX_FILE_BYTES} bytes"])
    return [_Document(path.name, path.read_bytes())], []


def _read_zip(archive: zipfile.ZipFile, zip_name: str) -> tuple[list[_Document], list[str]]:
    infos = [i for i in archive.infolist() if not i.is_dir()]
    problems = _zip_problems(infos, zip_name)
    if problems:
        raise QtiImportError(problems)
    names = {info.filename for info in infos}
    manifests = sorted(n for n in names if posixpath.basename(n) == MANIFEST)
    if not manifests:
        wanted = sorted(n for n in names if n.lower().endswith(".xml") and "__MACOSX" not in n)
        return [_Document(f"{zip_name}/{n}", archive.read(n)) for n in wanted], []
    manifest = min(manifests, key=lambda n: n.count("/"))
    hrefs, skipped = _manifest_items(archive.read(manifest), f"{zip_name}/{manifest}")
    base = posixpath.dirname(manifest)
    documents, missing = [], []
    for href in hrefs:
        member = posixpath.normpath(posixpath.join(base, href))
        if member not in names:
            missing.append(f"{zip_name}/{manifest}: resource file {href!r} is not in the zip")
        else:
            documents.append(_Document(f"{zip_name}/{member}", archive.read(member)))
    if missing:
        raise QtiImportError(missing)
    return documents, skipped


def _zip_problems(infos: list[zipfile.ZipInfo], zip_name: str) -> list[str]:
    problems = []
    if len(infos) > MAX_FILES:
        problems.append(f"{zip_name}: more than {MAX_FILES} files")
    if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
        problems.append(f"{zip_name}: more than {MAX_TOTAL_BYTES} bytes uncompressed")
    for info in infos:
        name = info.filename
        if name.startswith("/") or ".." in name.split("/"):
            problems.append(f"{zip_name}: unsafe path {name!r}")
        elif info.file_size > MAX_FILE_BYTES and name.lower().endswith(".xml"):
            problems.append(f"{zip_name}/{name}: larger than {MAX_FILE_BYTES} bytes")
    return problems


def _manifest_items(data: bytes, name: str) -> tuple[list[str], list[str]]:
    """Hrefs of item resources in the manifest, and notices for the other resources."""
    try:
        root = parse_xml(data, name)
    except QtiError as error:
        raise QtiImportError([str(error)]) from error
    hrefs, skipped = [], []
    for resource in root.iter():
        if not resource.tag.endswith("}resource") and resource.tag != "resource":
            continue
        kind = resource.get("type", "")
        identifier = resource.get("identifier", "?")
        if kind.startswith("imsqti_item_xml"):
            href = resource.get("href")
            if not href:
                line = getattr(resource, "sourceline", None)
                raise QtiImportError([f"{name}:{line}: item resource {identifier} has no href"])
            hrefs.append(href)
        else:
            skipped.append(
                f"{name}: resource {identifier} ({kind or 'no type'}) skipped: not an item"
            )
    return hrefs, skipped


def parse_documents(
    documents: list[_Document], *, strict: bool = True
) -> tuple[list[tuple[_Document, QtiItem]], list[str]]:
    """Parse every document: the items, and the problems of those that were skipped.

    Strict: any problem refuses the package, listing every one. Lenient: problems are
    returned as skipped items, unless a file is hostile or nothing is left to import.
    """
    parsed, problems = [], []
    seen: dict[str, str] = {}
    for document in documents:
        try:
            item = parse_item(document.data, document.name, lenient=not strict)
        except QtiError as error:
            if error.unsafe:
                raise QtiImportError([str(error)]) from None
            problems.append(str(error))
            continue
        if item.identifier in seen:
            problems.append(
                f"{document.name}: item {item.identifier} is also in {seen[item.identifier]}"
            )
            continue
        seen[item.identifier] = document.name
        parsed.append((document, item))
    if not documents:
        problems.append("no QTI item files found")
    if problems and (strict or not parsed):
        raise QtiImportError(problems)
    return parsed, problems


def import_qti(
    *, path: Path, school: School | None, status: str = Status.PUBLISHED, strict: bool = False
) -> ImportReport:
    """Import the items at `path` into `school` (None: the shared library).

    Lenient by default (skip what cannot be imported, and say why); `strict`: all or
    nothing. Every refusal is a QtiImportError, and leaves the database as it was.
    """
    documents, skipped = read_documents(path)
    items, problems = parse_documents(documents, strict=strict)
    report = ImportReport(
        skipped=skipped,
        skipped_items=problems,
        notes=[
            f"{document.name}: item {item.identifier}: {note}"
            for document, item in items
            for note in item.notes
        ],
    )
    try:
        _write_items(report, items, school, status)
    except DatabaseError as error:
        raise QtiImportError([f"{path.name}: the database refused the items: {error}"]) from None
    return report


@transaction.atomic
def _write_items(
    report: ImportReport,
    items: list[tuple[_Document, QtiItem]],
    school: School | None,
    status: str,
) -> None:
    scope = school.slug if school is not None else "shared"
    for _, item in items:
        _, created = upsert_item(
            source=Source.QTI,
            source_identifier=f"{scope}:{item.identifier}",
            school=school,
            author=None,
            draft=item.draft,
            status=status,
        )
        report.created += created
        report.updated += not created
