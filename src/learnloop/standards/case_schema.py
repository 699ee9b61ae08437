"""Strict mode: validate a CFPackage against the official CASE 1.1 JSON schema.

We do not ship the 1EdTech schema file. Its path comes from, in order: the `schema_path`
argument (`--schema` on the command line), the LEARNLOOP_CASE_SCHEMA environment
variable, then samples/case/schemas/ in $LEARNLOOP_SHARED or ../shared beside the
repository (a development checkout). Every violation is reported with its JSON path,
not just the first.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator, FormatChecker

from learnloop.standards.case_format import CaseImportError

SCHEMA_ENV = "LEARNLOOP_CASE_SCHEMA"
SCHEMA_FILE_NAME = "1edtech-case-v1p1-cfpackage-jsonschema.json"
REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("LEARNLOOP_SHARED") or REPO_ROOT.parent / "shared")
DEFAULT_SCHEMA = SHARED / "samples" / "case" / "schemas" / SCHEMA_FILE_NAME
MAX_REPORTED = 200


class CaseValidationError(CaseImportError):
    """The package breaks the CASE 1.1 schema; `violations` lists (json_path, message)."""

    def __init__(self, source: str, violations: list[tuple[str, str]]) -> None:
        self.violations = violations
        shown = "\n".join(f"  {path}: {message}" for path, message in violations[:MAX_REPORTED])
        more = len(violations) - MAX_REPORTED
        tail = f"\n  ... and {more} more" if more > 0 else ""
        super().__init__(
            source, "", f"{len(violations)} violation(s) of the CASE 1.1 schema:\n{shown}{tail}"
        )


def schema_location(schema_path: Path | None = None) -> Path:
    if schema_path is not None:
        return schema_path
    from_environment = os.environ.get(SCHEMA_ENV)
    return Path(from_environment) if from_environment else DEFAULT_SCHEMA


def validate_strictly(data: Any, *, source: str, schema_path: Path | None = None) -> None:
    """Raise CaseValidationError listing every schema violation; return quietly if none."""
    validator = _validator(schema_location(schema_path))
    violations = [
        (error.json_path, _short(error.message))
        for error in sorted(validator.iter_errors(data), key=_document_order)
    ]
    if violations:
        raise CaseValidationError(source, violations)


@lru_cache(maxsize=4)
def _validator(path: Path) -> Draft201909Validator:
    if not path.is_file():
        raise CaseImportError(
            str(path),
            "",
            "the CASE 1.1 JSON schema is not there; pass --schema FILE or set "
            f"{SCHEMA_ENV} to the 1EdTech CFPackage schema ({SCHEMA_FILE_NAME})",
        )
    schema = json.loads(path.read_text(encoding="utf-8"))
    return Draft201909Validator(schema, format_checker=_format_checker())


def _format_checker() -> FormatChecker:
    """jsonschema's checker, with date-time checked even without optional packages."""
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        if "T" not in value.upper():
            raise ValueError("no time part")
        moment = dt.datetime.fromisoformat(value)
        return moment.tzinfo is not None

    return checker


def _document_order(error: Any) -> list[tuple[int, int, str]]:
    """Sort key: array indexes numerically, keys by name, never comparing int with str."""
    return [
        (0, part, "") if isinstance(part, int) else (1, 0, part) for part in error.absolute_path
    ]


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
