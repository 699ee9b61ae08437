"""Search a framework by code and text, with the path to each match and marked-up matches.

Runs over the tree already built from one query, so a search costs no extra queries.
Every word of the query must appear in the code or the statement (case-insensitive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from learnloop.standards.models import Standard
from learnloop.standards.selectors import TreeNode, walk

MAX_QUERY_WORDS = 8
Segments = list[tuple[str, bool]]  # (text, is_match) pieces, for <mark> in the template


@dataclass
class SearchHit:
    standard: Standard
    path: list[Standard]  # ancestors, top first
    code: Segments
    statement: Segments


def search_tree(roots: list[TreeNode], query: str) -> list[SearchHit]:
    words = query_words(query)
    if not words:
        return []
    hits: list[SearchHit] = []
    trail: list[Standard] = []
    for node in walk(roots):
        del trail[node.depth :]
        standard = node.standard
        statement = standard.full_statement or standard.abbreviated_statement
        haystack = f"{standard.code}\n{statement}".casefold()
        if all(word.casefold() in haystack for word in words):
            hits.append(
                SearchHit(
                    standard=standard,
                    path=list(trail),
                    code=highlight(standard.code, words),
                    statement=highlight(statement, words),
                )
            )
        trail.append(standard)
    return hits


def query_words(query: str) -> list[str]:
    return [word for word in query.split() if word][:MAX_QUERY_WORDS]


def highlight(text: str, words: list[str]) -> Segments:
    """Split `text` into plain and matching pieces; the template escapes each piece."""
    if not text or not words:
        return [(text, False)] if text else []
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )
    segments: Segments = []
    position = 0
    for match in pattern.finditer(text):
        if match.start() > position:
            segments.append((text[position : match.start()], False))
        segments.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        segments.append((text[position:], False))
    return segments


def open_ids(hits: list[SearchHit]) -> set[int]:
    """Tree nodes to show open: the ancestors of every hit."""
    return {ancestor.pk for hit in hits for ancestor in hit.path}
