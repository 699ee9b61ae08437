"""CSV that a spreadsheet opens as data, never as formulas (CSV injection).

Excel, LibreOffice and Google Sheets run a cell that starts with `=`, `+`, `-` or `@`
(and some treat a leading tab or carriage return the same way) as a formula, which can
fetch URLs or run commands on the teacher's computer. A student controls names, titles,
reflections and, through imports, even standard codes; so every cell of every CSV we
write, header row included, goes through `safe_cell`: such a cell gets a leading
apostrophe, which spreadsheets show as text. Plain numbers (`-3`, `+2.5`) are data and
stay as they are.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any

# ASCII triggers and their fullwidth forms (some spreadsheets fold those to ASCII).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> str:
    """The cell's text, with a leading apostrophe when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    if PLAIN_NUMBER.fullmatch(text):
        return text
    if text.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeWriter:
    """csv.writer whose every cell passes through `safe_cell`."""

    def __init__(self, stream: IO[str], **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """csv.DictWriter whose header and cells pass through `safe_cell`."""

    def __init__(self, stream: IO[str], fieldnames: list[str], **options: Any) -> None:
        self.fieldnames = fieldnames
        self._writer = SafeWriter(stream, **options)

    def writeheader(self) -> None:
        self._writer.writerow(self.fieldnames)

    def writerow(self, row: Mapping[str, object]) -> None:
        self._writer.writerow([row.get(name, "") for name in self.fieldnames])
