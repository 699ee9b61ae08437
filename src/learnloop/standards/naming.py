"""How a standard is named for people: one rule for every page, e-mail and export a
person reads.

A standard's code is its CASE humanCodingScheme ("6.RP.A.3"), and people read it as it
is. Some codes are machine names instead: the OATutor importer uses the skill name
(`solve_equations_using_the_division_property_of_equality`, docs/content.md), and other
packages bring identifiers in snake_case or camelCase. Nobody should read those: the
standard's short statement stands in (its abbreviated statement, else the code made
readable: underscores to spaces, first letter capitalised). A standard with no code is
named by its short statement, else the start of its full statement.

`column_code` is the heatmap's column header: the part of a long code that tells the
columns apart ("1.OA.A.1" for "CCSS.Math.Content.1.OA.A.1").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from learnloop.core.bidi import ltr_text

# snake_case, kebab-case words, camelCase: a name for programs, not a code for people.
_SNAKE = re.compile(r"_")
_CAMEL = re.compile(r"[a-z][A-Z]")
_KEBAB_WORDS = re.compile(r"^[a-z]+(?:-[a-z]+){2,}$")
_SPACE = re.compile(r"\s")
STATEMENT_CHARS = 40  # the start of a full statement that names a standard with no code


def is_readable_code(code: str | None) -> bool:
    """True when people can read `code` as a code ("6.RP.A.3", "CCSS.Math.Content.1.OA.A.1",
    "K.CC.1"); False for an empty code or a machine name (snake_case, camelCase,
    kebab-case words)."""
    text = (code or "").strip()
    if not text or _SNAKE.search(text) or _SPACE.search(text):
        return False
    return not (_CAMEL.search(text) and "." not in text) and not _KEBAB_WORDS.match(text)


def readable_machine_name(code: str) -> str:
    """ "solve_equations_using_x" -> "Solve equations using x" (camelCase split too)."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", code.strip())
    words = " ".join(re.split(r"[_\s]+", text)).strip()
    if _KEBAB_WORDS.match(words):
        words = words.replace("-", " ")
    return words[:1].upper() + words[1:]


def standard_name(code: str | None, abbreviated: str = "", full: str = "") -> str:
    """The name people read for a standard: its code when it is one people read, else
    its short statement (see the module's docstring)."""
    text = (code or "").strip()
    if is_readable_code(text):
        return text
    if abbreviated.strip():
        return abbreviated.strip()
    if text:
        return readable_machine_name(text)
    return full.strip()[:STATEMENT_CHARS]


def described(
    code: str | None, abbreviated: str = "", full: str = "", limit: int = 0, sep: str = " — "
) -> str:
    """A pick-list's line: "6.RP.A.3 — Use ratio reasoning…" for a code people read, the
    statement alone ("Solve equations using …") when the code is a machine name. `limit`
    cuts the statement (0: whole)."""
    statement = abbreviated.strip() or full.strip()
    if not statement and not is_readable_code(code):
        return standard_name(code, abbreviated, full)
    if limit:
        statement = statement[:limit]
    text = (code or "").strip()
    if is_readable_code(text) and statement:
        return f"{ltr_text(text)}{sep}{statement}"  # the code left to right in any language
    return statement or text


def column_codes(codes: Sequence[str]) -> list[str]:
    """The short form of each code for a table's column headers: the leading dotted parts
    every code shares and that hold no digit ("CCSS", "Math", "Content") are dropped, so
    that "CCSS.Math.Content.1.OA.A.1" heads its column as "1.OA.A.1". A code that is not
    read as a code (`is_readable_code`) is kept whole, and so is every code when they do
    not share such a prefix. The full code stays in the column's accessible name."""
    split = [code.split(".") for code in codes]
    readable = [parts for code, parts in zip(codes, split, strict=True) if is_readable_code(code)]
    if not readable:
        return list(codes)
    drop = 0
    shortest = min(len(parts) for parts in readable)
    while drop < shortest - 2:
        part = readable[0][drop]
        if any(ch.isdigit() for ch in part) or any(parts[drop] != part for parts in readable):
            break
        drop += 1
    return [
        ".".join(parts[drop:]) if is_readable_code(code) else code
        for code, parts in zip(codes, split, strict=True)
    ]
