"""The export zip: one JSON and one CSV file per model, the stored files, a manifest.

The zip is written when the response is read, so a request that is never read opens
nothing, and a large export spills from memory to a temporary file.

Field values are written as stored (ids, timestamps in ISO 8601 with offset), except
secrets (password hashes), which never leave the database. Every CSV cell that a
spreadsheet would run as a formula, header included, gets a leading apostrophe.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import PurePath
from tempfile import SpooledTemporaryFile
from typing import IO, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile

from learnloop.privacy.collect import StudentData, label, sorted_rows
from learnloop.web.spreadsheets import SafeDictWriter

SECRET_FIELDS = frozenset({"password"})
IN_MEMORY_BYTES = 16 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024

README = """LearnLoop data export
=====================

Reference: {reference}
Made: {made}

data/<app>.<Model>.json and .csv hold every row LearnLoop keeps about this student,
one file per kind of record (docs/privacy.md explains each). files/ holds the files
the student uploaded, named <model>/<row id>-<stored name>. manifest.json lists the
number of rows of each kind.
"""


def row_values(obj: models.Model) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        values[field.attname] = value
    return values


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    elif isinstance(value, datetime):
        text = value.isoformat()
    else:
        text = str(value)
    return text


def _csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = SafeDictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _csv_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def stored_files(data: StudentData) -> list[tuple[type[models.Model], models.Model, FieldFile]]:
    """Every file a collected row points at that exists in storage."""
    found = []
    for model, rows in sorted_rows(data.all_rows()):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for row in rows:
            for field in fields:
                stored = getattr(row, field.attname)
                if stored and stored.storage.exists(stored.name):
                    found.append((model, row, stored))
    return found


def _write_files(archive: zipfile.ZipFile, data: StudentData) -> None:
    for model, row, stored in stored_files(data):
        with stored.storage.open(stored.name, "rb") as handle:
            path = f"files/{label(model)}/{row.pk}-{PurePath(stored.name).name}"
            with archive.open(path, "w") as target:
                for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
                    target.write(chunk)


def write_export(output: IO[bytes], data: StudentData, *, reference: str, made: datetime) -> None:
    """Write the zip to `output`, a binary file opened for writing."""
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README.format(reference=reference, made=made.isoformat()))
        manifest = {"reference": reference, "made": made.isoformat(), "rows": data.counts()}
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        for model, rows in sorted_rows(data.all_rows()):
            values = [row_values(row) for row in rows]
            name = f"data/{label(model)}"
            text = json.dumps(values, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
            archive.writestr(f"{name}.json", text)
            archive.writestr(f"{name}.csv", _csv(values))
        _write_files(archive, data)


def export_chunks(data: StudentData, *, reference: str, made: datetime) -> Iterator[bytes]:
    """The zip in chunks, built when first read (a spooled file: memory, then disk)."""
    with SpooledTemporaryFile(max_size=IN_MEMORY_BYTES) as output:
        write_export(output, data, reference=reference, made=made)
        output.seek(0)
        yield from iter(lambda: output.read(CHUNK_BYTES), b"")
