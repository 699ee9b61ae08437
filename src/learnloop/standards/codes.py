"""A total, crash-free natural order for standard codes, whatever they hold.

Codes come from imported packages, so they may hold anything: non-ASCII digits
("6.RP.²", "①", Arabic-Indic "٣"), letters, dots, empty parts ("6..RP"), very long digit
runs. `code_key` never converts text to int: a run of decimal digits is compared by its
value (length without leading zeros, then the digits read as ASCII), so "2" comes before
"10", and "٣" sorts with "3". Characters that only look like digits (superscripts,
circled numbers) are ordinary text. The original text is the last tie-breaker, so two
different codes never compare equal: the order is total and every sort is repeatable.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Protocol

PART_SEPARATORS = re.compile(r"[.\-]")
DIGIT_RUNS = re.compile(r"(\d+)")  # \d: Unicode decimal digits (category Nd) only

Piece = tuple[int, int, str]
CodeKey = tuple[tuple[tuple[Piece, ...], ...], str]


class Coded(Protocol):
    """A standard, or anything shaped like one: its framework and its code."""

    framework_id: int
    code: str


def code_key(code: str | None) -> CodeKey:
    """Sort key: dotted parts in turn; within a part, numbers by value before text."""
    text = code or ""
    parts = tuple(_part_key(part) for part in PART_SEPARATORS.split(text))
    return parts, text


def code_order(standard: Coded) -> tuple[int, CodeKey]:
    """Natural order of standards: by framework, then code (6.RP.A.3.a after 6.RP.A.2)."""
    return standard.framework_id, code_key(standard.code)


def natural_key(text: str | None) -> tuple[Piece, ...]:
    """Natural order of one string ("L1.2" before "L1.10"), never comparing int with str."""
    return _part_key(text or "")


def _part_key(part: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    for piece in DIGIT_RUNS.split(part):
        if not piece:
            continue
        if piece[0].isdecimal() and DIGIT_RUNS.fullmatch(piece):
            digits = "".join(str(unicodedata.decimal(char)) for char in piece).lstrip("0")
            pieces.append((0, len(digits), digits))
        else:
            pieces.append((1, 0, piece.casefold()))
    return tuple(pieces)
