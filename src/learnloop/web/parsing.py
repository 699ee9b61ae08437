"""The one way to read ids, numbers, text and JSON from a request.

Everything a request carries is a string (or, from JSON, whatever the client chose). A
view never calls `int()` on it: it calls one of these, which either return a value the
database can take or raise `BadInput` naming the field. Views turn that into a form
error or a 400 with `{"errors": {field: message}}`; nothing here ever becomes a 500.

What is refused, and why:
- ids: only ASCII digits (`"²".isdigit()` is true but `int("²")` fails; Arabic-Indic
  digits would pass `int()`),
  from 1 to 2**63 - 1 (a bigger number overflows SQLite's driver), never a boolean
  (`True` is an `int` in Python, `true` is not an id in JSON);
- numbers: finite, within the bounds the caller gives, at most `MAX_DIGITS` digits;
- text: no NUL (PostgreSQL cannot store it) and no lone surrogate (no UTF-8 encoding
  exists for it: SQLite's driver fails on insert, and a page that shows it fails);
- JSON: at most `MAX_JSON_DEPTH` levels deep, no `NaN`/`Infinity`, no number longer than
  `MAX_DIGITS` digits, strings checked as text above.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

MAX_ID = 2**63 - 1
MAX_DIGITS = 30  # enough for any id or amount we take; far below Python's 4,300 limit
MAX_JSON_DEPTH = 20
MAX_TEXT_LENGTH = 100_000  # a single form field or JSON string, whatever the field

_DIGITS = re.compile(r"[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# A JSON string (an unterminated one runs to the end), and a bracket outside strings.
_JSON_STRING = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")
# An escape that could decode to a NUL or to half of a surrogate pair.
_ESCAPED_UNSTORABLE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


class BadInput(ValueError):
    """A value from a request that cannot be used; `field` names where it came from."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_json(self) -> dict[str, dict[str, str]]:
        return {"errors": {self.field: self.message}}


def parse_id(raw: object, field: str) -> int:
    """A row id: a positive whole number that fits a 64-bit key, from a string or JSON."""
    value = _whole_number(raw, field, "must be an id (a whole number)")
    if not 0 < value <= MAX_ID:
        raise BadInput(field, "must be an id (a whole number from 1 to 2^63 - 1)")
    return value


def parse_optional_id(raw: object, field: str) -> int | None:
    """An id, or None when the value is absent or blank (a select's empty choice)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    return parse_id(raw, field)


def parse_ids(values: Iterable[object], field: str) -> list[int]:
    """Ids from a multi-select or a JSON list, in order, without repeats."""
    ids: dict[int, None] = {}
    for raw in values:
        ids[parse_id(raw, field)] = None
    return list(ids)


def parse_int(raw: object, field: str, *, minimum: int, maximum: int) -> int:
    """A whole number from `minimum` to `maximum`, from a string or JSON."""
    value = _whole_number(raw, field, "must be a whole number", signed=True)
    if not minimum <= value <= maximum:
        raise BadInput(field, f"must be a whole number from {minimum} to {maximum}")
    return value


def parse_number(raw: object, field: str, *, minimum: float, maximum: float) -> float:
    """A finite number from `minimum` to `maximum` (JSON numbers or decimal strings)."""
    message = f"must be a number from {minimum:g} to {maximum:g}"
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise BadInput(field, message)
    if isinstance(raw, str) and len(raw.strip()) > MAX_DIGITS:
        raise BadInput(field, message)
    try:
        value = float(raw)
    except (ValueError, OverflowError):
        raise BadInput(field, message) from None
    if not (math.isfinite(value) and minimum <= value <= maximum):
        raise BadInput(field, message)
    return value


def check_text(value: str, field: str, *, max_length: int = MAX_TEXT_LENGTH) -> str:
    """The text itself, when both databases can store it faithfully and it is not too long."""
    found = _UNSTORABLE.search(value)
    if found:
        kind = "a NUL character" if found.group() == "\x00" else "an unpaired surrogate"
        raise BadInput(field, f"contains {kind}, which cannot be stored; remove it")
    if len(value) > max_length:
        raise BadInput(field, f"is too long (at most {max_length:,} characters)")
    return value


def readable(text: str) -> str:
    """Text safe to show or export: an unpaired surrogate (stored before it was refused at
    the door) becomes U+FFFD instead of failing the page that encodes it."""
    if _UNSTORABLE.search(text) is None:
        return text
    return _SURROGATE.sub("\ufffd", text).replace("\x00", "")


class ReadableJSONDecoder(json.JSONDecoder):
    """For a JSONField holding what a client sent: every string read back is `readable`.

    SQLite kept a lone surrogate as the escape `\\ud800` (PostgreSQL refused it), and
    the pages and exports that showed it failed on encoding; now they show U+FFFD.
    """

    def decode(self, s: str, *args: Any, **kwargs: Any) -> Any:
        data = super().decode(s, *args, **kwargs)
        return _readable_strings(data) if "\\u" in s else data


def _readable_strings(data: Any) -> Any:
    if isinstance(data, str):
        return readable(data)
    if isinstance(data, list):
        return [_readable_strings(value) for value in data]
    if isinstance(data, dict):
        return {readable(key): _readable_strings(value) for key, value in data.items()}
    return data


def loads_json(body: bytes | str) -> Any:
    """Parse a JSON document strictly; every problem is a `BadInput` on field "body"."""
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
    except UnicodeDecodeError:
        raise BadInput("body", "is not UTF-8") from None
    if _too_deep(text):
        raise BadInput("body", f"is nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        data = json.loads(
            text, parse_constant=_refuse_constant, parse_int=_json_int, parse_float=_json_float
        )
    except BadInput:
        raise
    except (ValueError, RecursionError) as error:
        raise BadInput("body", f"is not valid JSON ({error})") from None
    if _may_hold_unstorable(text):
        for where, string in _strings(data, "body"):
            check_text(string, where)
    return data


def _may_hold_unstorable(text: str) -> bool:
    """Whether a string parsed from this document could fail `check_text`: only when the
    text itself is that long, holds a NUL or a surrogate, or an escape of one. Most
    documents hold none, and one search of the text spares a check of every string."""
    return (
        len(text) > MAX_TEXT_LENGTH
        or _UNSTORABLE.search(text) is not None
        or _ESCAPED_UNSTORABLE.search(text) is not None
    )


def _whole_number(raw: object, field: str, message: str, *, signed: bool = False) -> int:
    if isinstance(raw, bool):
        raise BadInput(field, message)
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if not isinstance(raw, str):
        raise BadInput(field, message)
    text = raw.strip()
    pattern = _NUMBER if signed else _DIGITS
    if len(text) > MAX_DIGITS or not pattern.fullmatch(text):
        raise BadInput(field, message)
    return int(text)


def _too_deep(text: str) -> bool:
    """More than MAX_JSON_DEPTH open brackets at once, outside strings (no recursion, so
    a 100,000-deep document is refused without recursing). The strings are cut out by
    one regular expression and only the brackets left are walked."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        else:
            depth -= 1
    return False


def _refuse_constant(name: str) -> Any:
    raise BadInput("body", f"{name} is not a number JSON allows")


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise BadInput("body", f"has a number longer than {MAX_DIGITS} digits")
    return int(text)


def _json_float(text: str) -> float:
    value = float(text)
    if len(text) > MAX_DIGITS + 10 or not math.isfinite(value):
        raise BadInput("body", f"has a number out of range ({text[:20]})")
    return value


def _strings(data: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every string in a parsed document, keys included, with the top-level field it is in."""
    if isinstance(data, str):
        yield where, data
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, where)
    elif isinstance(data, dict):
        for key, value in data.items():
            inner = key if where == "body" and key else where  # the top-level field
            yield where, key
            yield from _strings(value, inner)
