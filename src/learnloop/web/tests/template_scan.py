"""Finds the text a person would read in a template that is not marked for translation.

A template is cut into Django's tokens; the text outside `{% blocktranslate %}`,
`{% comment %}` and `{% verbatim %}` is read as HTML, and every text node and readable
attribute (alt, title, placeholder, aria-label) that holds a letter outside a template
tag is reported, unless it is on the small allow-list of names that are never translated.
Text inside <script> and <style> is code, not prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.template.base import DebugLexer, Token, TokenType

# Names and code that read the same in every language.
ALLOWED_TEXT = frozenset(
    {"LearnLoop", "OneRoster", "CASE", "QTI", "OATutor", "LTI", "CSV", "PDF", "JSON", "xAPI"}
)
READABLE_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
MARKER = re.compile(r"\x00(\d+)\x01")
HTML_PIECE = re.compile(
    r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|<[a-zA-Z/!][^>]*>", re.DOTALL | re.IGNORECASE
)
ATTRIBUTE = re.compile(
    r"""\s(""" + "|".join(READABLE_ATTRIBUTES) + r""")\s*=\s*("([^"]*)"|'([^']*)')""",
    re.IGNORECASE,
)
# A filter's text argument that a person reads: `default:_("not yet")`, not `default:"not yet"`.
FILTER_TEXT = re.compile(r"""\|(default|yesno|default_if_none):(["'])[^"']*[^\W\d_]""")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
OPENERS = {
    "blocktranslate": "endblocktranslate",
    "blocktrans": "endblocktrans",
    "comment": "endcomment",
    "verbatim": "endverbatim",
}


@dataclass(frozen=True)
class Unmarked:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r} is not marked for translation"


def flatten(source: str) -> tuple[str, list[Token]]:
    """The template with every tag, variable and skipped block replaced by a marker
    naming its token's index, and the tokens."""
    tokens = DebugLexer(source).tokenize()
    pieces: list[str] = []
    closing: str | None = None
    for index, token in enumerate(tokens):
        words = token.contents.split()
        is_block = token.token_type is TokenType.BLOCK and bool(words)
        if closing is None and token.token_type is TokenType.TEXT:
            pieces.append(token.contents)
            continue
        if closing is None and is_block and words[0] in OPENERS:
            closing = OPENERS[words[0]]
        elif closing is not None and is_block and words[0] == closing:
            closing = None
        pieces.append(f"\x00{index}\x01")
    return "".join(pieces), tokens


def has_prose(text: str) -> bool:
    """Whether `text` holds a letter a person reads (outside markers and entities)."""
    bare = ENTITY.sub(" ", MARKER.sub(" ", text))
    words = [word for word in re.findall(r"[^\W\d_]+", bare) if word not in ALLOWED_TEXT]
    return bool(words)


def text_nodes(flat: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each text node and readable attribute value in the flat template."""
    position = 0
    for piece in HTML_PIECE.finditer(flat):
        yield position, piece.start()
        tag = piece.group(0)
        if not piece.group(1) and not tag.startswith("<!"):
            for attribute in ATTRIBUTE.finditer(tag):
                group = 3 if attribute.group(3) is not None else 4
                yield piece.start() + attribute.start(group), piece.start() + attribute.end(group)
        position = piece.end()
    yield position, len(flat)


def unmarked_in(path: Path) -> list[Unmarked]:
    source = path.read_text(encoding="utf-8")
    flat, tokens = flatten(source)
    found = _unmarked_filter_text(path, flat, tokens)
    for start, end in text_nodes(flat):
        text = flat[start:end]
        for segment in re.split(r"\x00\d+\x01", text):
            if has_prose(segment):
                line = _source_line(flat, start, tokens)
                found.append(Unmarked(path, line, " ".join(segment.split())))
    return found


def _source_line(flat: str, offset: int, tokens: list[Token]) -> int:
    """The source line of a flat offset: the last marker's token, plus the lines since."""
    line, since = 1, 0
    for match in MARKER.finditer(flat, 0, offset):
        line, since = tokens[int(match.group(1))].lineno, match.end()
    return line + flat[since:offset].count("\n")


def _unmarked_filter_text(path: Path, flat: str, tokens: list[Token]) -> list[Unmarked]:
    """Filter arguments read as text (not inside a tag, where they are class names)."""
    tags = [piece.span() for piece in HTML_PIECE.finditer(flat)]
    found = []
    for match in MARKER.finditer(flat):
        token = tokens[int(match.group(1))]
        if token.token_type not in (TokenType.VAR, TokenType.BLOCK):
            continue
        if not FILTER_TEXT.search(token.contents):
            continue
        if any(start < match.start() < end for start, end in tags):
            continue
        found.append(Unmarked(path, token.lineno, token.contents))
    return found
