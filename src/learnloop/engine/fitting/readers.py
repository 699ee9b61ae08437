"""Readers for the response-log formats the engine accepts.

- long CSV: `student_id,skill_id,correct` and optional `item_id,timestamp` columns,
  rows chronological per student (`ColumnMap` renames the columns);
- the DKT three-line format: length / skill ids / 0-1 answers per student;
- the raw ASSISTments skill-builder CSV (ordered by `order_id`);
- the DataShop / KDD Cup student-step export (tab-separated).

Bad input raises `LogFormatError`, whose message names the file, line and column.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from learnloop.engine.fitting.log import ResponseLog

FORMATS = ("long-csv", "three-line", "assistments", "datashop")


class LogFormatError(ValueError):
    """A response log that cannot be read; says where."""

    def __init__(self, path: Path | str, line: int, column: str | None, message: str) -> None:
        where = f"{path}, line {line}" + (f", column {column!r}" if column else "")
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.column = str(path), line, column


@dataclass(frozen=True)
class ColumnMap:
    """Which source column holds what. `item` and `timestamp` are optional."""

    student: str = "student_id"
    skill: str = "skill_id"
    correct: str = "correct"
    item: str | None = "item_id"
    timestamp: str | None = "timestamp"
    delimiter: str = ","
    skill_separator: str | None = None
    order: str | None = None


ASSISTMENTS_COLUMNS = ColumnMap(
    student="user_id", skill="skill_id", correct="correct", item="problem_id",
    timestamp=None, order="order_id",
)  # fmt: skip
DATASHOP_COLUMNS = ColumnMap(
    student="Anon Student Id", skill="KC(Default)", correct="Correct First Attempt",
    item="Problem Name", timestamp="First Transaction Time", delimiter="\t",
    skill_separator="~~",
)  # fmt: skip


@dataclass
class _Rows:
    students: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    correct: list[int] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    stamps: list[float] = field(default_factory=list)
    order: list[float] = field(default_factory=list)


def read_log(path: Path | str, fmt: str) -> ResponseLog:
    """Read `path` in one of FORMATS."""
    readers: dict[str, Callable[[Path], ResponseLog]] = {
        "long-csv": read_long_csv,
        "three-line": read_three_line,
        "assistments": lambda p: read_long_csv(p, ASSISTMENTS_COLUMNS),
        "datashop": lambda p: read_long_csv(p, DATASHOP_COLUMNS),
    }
    if fmt not in readers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return readers[fmt](Path(path))


def read_three_line(path: Path | str) -> ResponseLog:
    """DKT format: per student a count line, a skill-id line and a 0/1 line."""
    path = Path(path)
    rows = _Rows()
    lines = [line.strip() for line in path.read_text().splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if len(lines) % 3:
        raise LogFormatError(path, len(lines), None, "expected groups of three lines")
    for start in range(0, len(lines), 3):
        student = f"{path.stem}:{start // 3}"
        count = _parse_int(lines[start], path, start + 1, "length")
        skills = _split(lines[start + 1])
        answers = _split(lines[start + 2])
        for number, values, what in ((2, skills, "skill ids"), (3, answers, "answers")):
            if len(values) != count:
                message = f"{len(values)} {what}, but the length line says {count}"
                raise LogFormatError(path, start + number, what, message)
        for column, answer in enumerate(answers, start=1):
            rows.correct.append(_parse_binary(answer, path, start + 3, f"answer {column}"))
        rows.skills.extend(skills)
        rows.students.extend([student] * count)
    return ResponseLog.from_records(rows.students, rows.skills, rows.correct)


def read_long_csv(path: Path | str, columns: ColumnMap | None = None) -> ResponseLog:
    """One response per row, chronological within each student (or sorted by `order`)."""
    path, columns = Path(path), columns or ColumnMap()
    rows = _Rows()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, delimiter=columns.delimiter)
        header = reader.fieldnames or []
        for name in (columns.student, columns.skill, columns.correct, columns.order):
            if name is not None and name not in header:
                raise LogFormatError(path, 1, name, "missing column in the header")
        has_item = columns.item is not None and columns.item in header
        has_time = columns.timestamp is not None and columns.timestamp in header
        for line, record in _numbered(reader):
            _add_row(rows, record, columns, path, line, has_item, has_time)
    if not rows.students:
        raise LogFormatError(path, 1, None, "no responses")
    order = (
        sorted(range(len(rows.students)), key=lambda i: rows.order[i]) if columns.order else None
    )
    pick = order or range(len(rows.students))
    return ResponseLog.from_records(
        [rows.students[i] for i in pick],
        [rows.skills[i] for i in pick],
        [rows.correct[i] for i in pick],
        [rows.items[i] for i in pick] if rows.items else None,
        [rows.stamps[i] for i in pick] if rows.stamps else None,
    )


def _add_row(
    rows: _Rows,
    record: dict[str, str | None],
    columns: ColumnMap,
    path: Path,
    line: int,
    has_item: bool,
    has_time: bool,
) -> None:
    """Append one source row (one response per skill it is tagged with); skip untagged."""
    skill_text = (record.get(columns.skill) or "").strip()
    if not skill_text:
        return
    skills = skill_text.split(columns.skill_separator) if columns.skill_separator else [skill_text]
    student = (record.get(columns.student) or "").strip()
    if not student:
        raise LogFormatError(path, line, columns.student, "empty student id")
    correct = _parse_binary(record.get(columns.correct) or "", path, line, columns.correct)
    order = 0.0
    if columns.order is not None:
        order = _parse_float(record.get(columns.order) or "", path, line, columns.order)
    for skill in skills:
        rows.students.append(student)
        rows.skills.append(_canonical_id(skill.strip()))
        rows.correct.append(correct)
        rows.order.append(order)
        if has_item and columns.item is not None:
            rows.items.append((record.get(columns.item) or "").strip())
        if has_time and columns.timestamp is not None:
            rows.stamps.append(_parse_time(record.get(columns.timestamp) or "", path, line,
                                           columns.timestamp))  # fmt: skip


def _numbered(reader: csv.DictReader[str]) -> Iterator[tuple[int, dict[str, str | None]]]:
    for record in reader:
        yield reader.line_num, record


def _split(line: str) -> list[str]:
    return [value.strip() for value in line.split(",") if value.strip()]


def _canonical_id(value: str) -> str:
    """'12.0' and '12' are the same skill (pandas-written CSVs turn ids into floats)."""
    return value[:-2] if value.endswith(".0") and value[:-2].isdigit() else value


def _parse_int(text: str, path: Path, line: int, column: str) -> int:
    try:
        return int(text.strip().rstrip(","))
    except ValueError:
        raise LogFormatError(path, line, column, f"expected an integer, got {text!r}") from None


def _parse_float(text: str, path: Path, line: int, column: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise LogFormatError(path, line, column, f"expected a number, got {text!r}") from None


def _parse_binary(text: str, path: Path, line: int, column: str) -> int:
    value = text.strip()
    if value in ("0", "1", "0.0", "1.0"):
        return int(float(value))
    raise LogFormatError(path, line, column, f"expected 0 or 1, got {value!r}")


def _parse_time(text: str, path: Path, line: int, column: str) -> float:
    """Seconds since the epoch; naive times in the source are taken as UTC."""
    value = text.strip()
    if not value:
        return float("nan")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            return float(value)
        except ValueError:
            message = f"expected an ISO 8601 time or epoch seconds, got {value!r}"
            raise LogFormatError(path, line, column, message) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()
