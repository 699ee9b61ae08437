"""Read a OneRoster 1.1 or 1.2 CSV roster (a folder or a zip with manifest.csv) into rows.

Lenient where the meaning is clear: a byte-order mark, CRLF line ends, header case and
whitespace, extra columns, blank optional fields, a missing manifest (every file present
is read as bulk). Strict where it is not: a file that is not UTF-8, a missing required
column or field, a duplicate sourcedId; each refusal names the file, the line and the
column. Reading goes on past a refused row or file, so that one pass finds every problem
(`RosterFiles.problems`); the planner adds its own and refuses them all together.
`demographics.csv` and files LearnLoop has no use for are skipped with a note. No
database here: the importer resolves references and plans the writes.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext, ngettext

from learnloop.core.errors import ServiceError

MODES = ("bulk", "delta", "absent")
MAX_ID_LENGTH = 255  # what LearnLoop stores of a sourcedId
MAX_UNPACKED_BYTES = 512 * 1024 * 1024  # a zip's files together, unpacked: no zip bombs
MAX_PROBLEMS = 50  # a refusal lists this many problems, then says how many more

# The files LearnLoop maps, each with its required columns; a column named here or in
# OPTIONAL is matched case- and space-insensitively, anything else is ignored.
REQUIRED: Mapping[str, tuple[str, ...]] = {
    "orgs": ("sourcedId", "name", "type"),
    "academicSessions": ("sourcedId", "title", "type", "startDate", "endDate"),
    "courses": ("sourcedId", "title", "orgSourcedId"),
    "classes": ("sourcedId", "title", "courseSourcedId", "schoolSourcedId", "termSourcedIds"),
    "users": ("sourcedId", "username", "givenName", "familyName"),
    "enrollments": ("sourcedId", "classSourcedId", "userSourcedId", "role"),
    "roles": ("sourcedId", "userSourcedId", "role", "orgSourcedId"),
}
OPTIONAL: Mapping[str, tuple[str, ...]] = {
    "orgs": ("identifier", "parentSourcedId"),
    "academicSessions": ("parentSourcedId", "schoolYear"),
    "courses": ("courseCode", "grades", "subjects", "schoolYearSourcedId", "subjectCodes"),
    "classes": ("classCode", "classType", "grades", "subjects", "location"),
    "users": (
        "enabledUser",
        "orgSourcedIds",
        "role",
        "email",
        "middleName",
        "identifier",
        "agentSourcedIds",
        "grades",
        "userMasterIdentifier",
        "preferredGivenName",
        "preferredFamilyName",
        "primaryOrgSourcedId",
    ),
    "enrollments": ("schoolSourcedId", "primary", "beginDate", "endDate"),
    "roles": ("roleType", "beginDate", "endDate"),
}
COMMON = ("status", "dateLastModified")
# Other names real exports use for a column (the REST binding's names, mostly).
ALIASES: Mapping[str, str] = {"agents": "agentSourcedIds", "orgs": "orgSourcedIds"}


class RosterError(ServiceError):
    """A roster refused: which file, line and column, and what was wrong."""

    def __init__(self, file: str, message: str, *, line: int = 0, column: str = "") -> None:
        super().__init__("roster", _where(file, line, column) + message)
        self.file = file
        self.line = line
        self.column = column
        self.problems: list[str] = [self.message]  # what to show, one line each
        self.count = 1  # how many problems in all (more than shown past MAX_PROBLEMS)


class AlreadyRefused(RosterError):
    """A reference to a row or file already refused: skip the row, report nothing more."""


class RosterProblems(RosterError):
    """Several problems found in one pass; `problems` lists the first MAX_PROBLEMS of them
    (each naming file, line and column) and then how many more there were."""

    def __init__(self, refusals: Sequence[RosterError]) -> None:
        first = refusals[0]
        super().__init__(first.file, "", line=first.line, column=first.column)
        self.count = len(refusals)
        shown = [refusal.message for refusal in refusals[:MAX_PROBLEMS]]
        more = self.count - len(shown)
        if more:
            shown.append(
                ngettext("and %(count)d more problem", "and %(count)d more problems", more)
                % {"count": more}
            )
        self.problems = shown
        self.message = "\n".join(shown)
        self.args = (f"roster: {self.message}",)


def refuse_all(refusals: Sequence[RosterError]) -> None:
    """Raise what was found: one problem as itself, several together; none, nothing."""
    if len(refusals) == 1:
        raise refusals[0]
    if refusals:
        raise RosterProblems(refusals)


def _where(file: str, line: int, column: str) -> str:
    """'users.csv, line 7, column sourcedId: ' in the reader's language (file, line and
    field stay in every message)."""
    names = {"file": file, "line": line, "column": column}
    if line and column:
        return gettext("%(file)s, line %(line)d, column %(column)s: ") % names
    if line:
        return gettext("%(file)s, line %(line)d: ") % names
    if column:
        return gettext("%(file)s, column %(column)s: ") % names
    return gettext("%(file)s: ") % names


@dataclass(frozen=True)
class Row:
    """One CSV record: its file, the line it starts on, its values by canonical column."""

    file: str
    line: int
    values: Mapping[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def refuse(self, column: str, message: str) -> RosterError:
        return RosterError(f"{self.file}.csv", message, line=self.line, column=column)

    @property
    def sourced_id(self) -> str:
        return self.values["sourcedId"]

    @property
    def to_be_deleted(self) -> bool:
        return self.get("status").lower() == "tobedeleted"


@dataclass
class RosterFiles:
    """The rows of each file LearnLoop maps, how the manifest delivers it, and notes.

    `problems` are the refusals found while reading (their rows, or whole files, are left
    out of `tables`); `refused` names the sourcedIds and files they left out, so that a
    reference to one is not reported a second time."""

    version: str
    modes: dict[str, str]
    tables: dict[str, list[Row]]
    notes: list[str] = field(default_factory=list)
    problems: list[RosterError] = field(default_factory=list)
    refused_rows: dict[str, set[str]] = field(default_factory=dict)
    refused_files: set[str] = field(default_factory=set)

    def refuse(self, problem: RosterError, name: str, sourced_id: str = "") -> None:
        """Note `problem` and leave out the row `sourced_id` of `name` (the file when blank)."""
        if not isinstance(problem, AlreadyRefused):
            self.problems.append(problem)
        if sourced_id:
            self.refused_rows.setdefault(name, set()).add(sourced_id)
        else:
            self.refused_files.add(name)

    def is_refused(self, name: str, sourced_id: str) -> bool:
        return name in self.refused_files or sourced_id in self.refused_rows.get(name, set())

    def rows(self, name: str) -> list[Row]:
        return self.tables.get(name, [])

    def is_bulk(self, name: str) -> bool:
        return self.modes.get(name) == "bulk"


def read_roster(path: Path, *, name: str = "") -> RosterFiles:
    """The roster at `path` (a folder or a .zip), checked file by file.

    `name` is what a refusal of the zip itself calls it (an upload's own file name, not
    the name it is stored under); the file's name by default."""
    files = _zip_files(path, name or path.name) if path.is_file() else _folder_files(path)
    return read_roster_files(files)


def read_roster_files(files: Mapping[str, bytes]) -> RosterFiles:
    """The roster made of `files` (file name without folders, e.g. "users.csv": bytes)."""
    by_name = {name.lower(): (name, data) for name, data in files.items()}
    notes: list[str] = []
    manifest = _read_manifest(by_name, notes)
    version = _version(manifest, by_name, notes)
    modes: dict[str, str] = {}
    tables: dict[str, list[Row]] = {}
    roster = RosterFiles(version=version, modes=modes, tables=tables, notes=notes)
    known = {f"{name.lower()}.csv": name for name in REQUIRED}
    for lower, (original, data) in sorted(by_name.items()):
        if lower == "manifest.csv":
            continue
        name = known.get(lower)
        if name is None:
            notes.append(gettext("%(name)s: not used by LearnLoop, skipped") % {"name": original})
            continue
        mode = manifest.get(f"file.{name}".lower(), "bulk" if not manifest else "absent")
        if mode == "absent":
            notes.append(
                gettext("%(name)s: the manifest says absent, skipped") % {"name": original}
            )
            continue
        modes[name] = mode
        try:
            tables[name] = _read_table(name, data, roster)
        except RosterError as refusal:
            roster.refuse(refusal, name)
    for key, mode in manifest.items():
        name = key.removeprefix("file.")
        if key.startswith("file.") and mode != "absent" and f"{name}.csv" not in by_name:
            notes.append(
                gettext("manifest.csv lists %(file)s as %(mode)s, but the file is missing")
                % {"file": f"{name}.csv", "mode": mode}
            )
    return roster


def _folder_files(path: Path) -> dict[str, bytes]:
    if not path.is_dir():
        raise RosterError(str(path), gettext("no such folder or zip file"))
    return {child.name: child.read_bytes() for child in path.iterdir() if child.is_file()}


def _zip_files(path: Path, name: str) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and not Path(info.filename).name.startswith(".")
            ]
            # zipfile never unpacks more than a member's stated size, so the sum bounds it
            if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
                raise RosterError(
                    name,
                    gettext("unpacks to more than %(megabytes)d MB")
                    % {"megabytes": MAX_UNPACKED_BYTES // 2**20},
                )
            return {Path(info.filename).name: archive.read(info) for info in members}
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise RosterError(
            name, gettext("not a readable zip file (%(error)s)") % {"error": error}
        ) from error
    except (RuntimeError, NotImplementedError) as error:  # encrypted, or an odd compression
        raise RosterError(
            name, gettext("a zip LearnLoop cannot open (%(error)s)") % {"error": error}
        ) from error


def _decode(file: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterError(
            file,
            gettext("not UTF-8 text (byte %(byte)s); save it as UTF-8")
            % {"byte": f"{data[error.start]:#04x}"},
            line=line,
        ) from error


def _records(file: str, data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and each record with the line it starts on."""
    text = _decode(file, data)
    if "\x00" in text:
        raise RosterError(file, gettext("holds NUL bytes: not a CSV text file"))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[tuple[int, list[str]]] = []
    try:
        header = next(reader, [])
        line = reader.line_num + 1
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as error:
        raise RosterError(
            file, gettext("not valid CSV (%(error)s)") % {"error": error}, line=reader.line_num
        ) from error
    return header, records


def _read_manifest(by_name: Mapping[str, tuple[str, bytes]], notes: list[str]) -> dict[str, str]:
    if "manifest.csv" not in by_name:
        notes.append(gettext("no manifest.csv: every file present is read as bulk"))
        return {}
    header, records = _records("manifest.csv", by_name["manifest.csv"][1])
    columns = [cell.strip().lower() for cell in header]
    if columns[:2] != ["propertyname", "value"]:
        raise RosterError("manifest.csv", gettext("the header must be propertyName,value"), line=1)
    manifest: dict[str, str] = {}
    for line, record in records:
        key = record[0].strip().lower()
        value = record[1].strip() if len(record) > 1 else ""
        if key.startswith("file.") and value.lower() not in MODES:
            raise RosterError(
                "manifest.csv",
                gettext("%(value)s is not bulk, delta or absent") % {"value": repr(value)},
                line=line,
                column="value",
            )
        manifest[key] = value.lower() if key.startswith("file.") else value
    return manifest


def _version(
    manifest: Mapping[str, str], by_name: Mapping[str, tuple[str, bytes]], notes: list[str]
) -> str:
    version = manifest.get("oneroster.version", "")
    if version in ("1.1", "1.2"):
        return version
    if version:
        raise RosterError(
            "manifest.csv",
            gettext("OneRoster version %(version)s: LearnLoop reads 1.1 and 1.2")
            % {"version": repr(version)},
        )
    guessed = "1.2" if "roles.csv" in by_name else "1.1"
    notes.append(
        gettext("no oneroster.version in the manifest: read as %(version)s") % {"version": guessed}
    )
    return guessed


def _canonical_columns(name: str, header: list[str]) -> list[str | None]:
    known = {c.lower(): c for c in (*REQUIRED[name], *OPTIONAL[name], *COMMON)}
    known.update({alias.lower(): target for alias, target in ALIASES.items()})
    columns: list[str | None] = []
    for cell in header:
        column = known.get(cell.strip().lower())
        columns.append(column if column not in columns else None)
    return columns


def _read_table(name: str, data: bytes, roster: RosterFiles) -> list[Row]:
    """The file's rows; a refused row is noted in `roster` and left out, a refused file
    raises."""
    file = f"{name}.csv"
    header, records = _records(file, data)
    columns = _canonical_columns(name, header)
    for required in REQUIRED[name]:
        if required not in columns and not (name == "users" and required == "role"):
            raise RosterError(
                file, gettext("this required column is missing"), line=1, column=required
            )
    rows: list[Row] = []
    seen: dict[str, int] = {}
    for line, record in records:
        values = {
            column: cell.strip() for column, cell in zip(columns, record, strict=False) if column
        }
        row = Row(file=name, line=line, values=values)
        problem = _row_problem(row, seen)
        if problem is not None:
            roster.refuse(problem, name, row.get("sourcedId") or f"line {line}")
            continue
        seen[row.sourced_id] = line
        rows.append(row)
    return rows


def _row_problem(row: Row, seen: Mapping[str, int]) -> RosterError | None:
    """What is wrong with the row on its own (a blank required field, a bad sourcedId)."""
    required = ("sourcedId",) if row.to_be_deleted else REQUIRED[row.file]
    for column in required:
        if not row.get(column):
            return row.refuse(column, gettext("this required field is blank"))
    if len(row.sourced_id) > MAX_ID_LENGTH:
        return row.refuse(
            "sourcedId",
            gettext("longer than %(most)d characters") % {"most": MAX_ID_LENGTH},
        )
    if row.sourced_id in seen:
        return row.refuse(
            "sourcedId",
            gettext("%(id)s is already on line %(line)d")
            % {"id": repr(row.sourced_id), "line": seen[row.sourced_id]},
        )
    return None
