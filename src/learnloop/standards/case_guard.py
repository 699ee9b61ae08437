"""The door of the CASE importer: JSON text to Python values we can store faithfully.

Everything an importer cannot keep exactly is refused here, by JSON path, before any
reading or writing: nesting deeper than MAX_DEPTH (a recursion bomb), NUL characters and
lone surrogates (PostgreSQL cannot store them; SQLite would store what the other
database refuses), integers outside 64 bits and the non-standard NaN / Infinity. It also
collects the warnings of the lenient reader, grouped so that one deviation repeated on
700 items is one line, not 700.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from learnloop.standards.case_errors import CaseImportError

MAX_DEPTH = 32
MAX_INTEGER = 2**63 - 1
INDEX = re.compile(r"\[\d+\]")


def parse_json(text: str, source: str) -> Any:
    """JSON text to Python, or a CaseImportError saying where and why it broke."""
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise CaseImportError(
            source, "", f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    except RecursionError:
        raise CaseImportError(source, "", f"nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:  # e.g. an integer of more than 4300 digits, or NaN
        raise CaseImportError(source, "", f"a value that cannot be read: {error}") from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def check_values(data: Any, source: str) -> None:
    """Refuse, by JSON path, the first value we could not store exactly as it was written."""
    stack: list[tuple[Any, str, int]] = [(data, "$", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise CaseImportError(source, path, f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, str):
            _check_text(value, path, source)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if abs(value) > MAX_INTEGER:
                raise CaseImportError(source, path, "integer too large (beyond 64 bits)")
        elif isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise CaseImportError(source, path, "not a finite number")
        elif isinstance(value, dict):
            for key, entry in reversed(list(value.items())):
                if not isinstance(key, str):
                    raise CaseImportError(source, path, "object keys must be strings")
                _check_text(key, f"{path} (a key)", source)
                stack.append((entry, f"{path}.{key}", depth + 1))
        elif isinstance(value, list):
            for index in range(len(value) - 1, -1, -1):
                stack.append((value[index], f"{path}[{index}]", depth + 1))
        else:
            raise CaseImportError(source, path, f"not a JSON value ({type(value).__name__})")


def _check_text(text: str, path: str, source: str) -> None:
    if "\x00" in text:
        raise CaseImportError(source, path, "contains a NUL character (\\u0000)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise CaseImportError(
            source, path, "contains a lone surrogate (half of a UTF-16 pair), not text"
        ) from None


@dataclass
class Warnings:
    """Lenient-reading notices, one line per kind of deviation and field."""

    _groups: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, path: str, message: str) -> None:
        self._groups.setdefault((INDEX.sub("[*]", path), message), []).append(path)

    def lines(self) -> list[str]:
        lines = []
        for (pattern, message), paths in self._groups.items():
            if len(paths) == 1:
                lines.append(f"{paths[0]}: {message}")
            else:
                lines.append(f"{pattern}: {message} ({len(paths)} times, first at {paths[0]})")
        return lines
