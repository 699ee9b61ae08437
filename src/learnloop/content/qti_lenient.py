"""What the lenient QTI import does to an item before reading it.

Feedback (modalFeedback, feedbackBlock, feedbackInline) changes nothing in how an item
is scored, and LearnLoop gives its own feedback, so the lenient import drops it and says
so; the strict import refuses it. An infoControl (QTI 3's show-on-demand box, used for
hints by Common Cartridge items) becomes one of the item's hints in either mode.
A choice's own feedback (a feedbackInline inside a simpleChoice, or a modalFeedback
whose identifier is a choice's) is kept in either mode: for a wrong choice it usually
names the misconception behind it, which the teacher's "common mistakes" page shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from xml.etree.ElementTree import Element

FEEDBACK_ELEMENTS = frozenset({"modalFeedback", "feedbackBlock", "feedbackInline"})
HINT_ELEMENT = "infoControl"


def drop_feedback(root: Element) -> list[str]:
    """Remove every feedback element (keeping the text after it); one note per kind."""
    dropped = Counter(node.tag for node in _remove(root, FEEDBACK_ELEMENTS))
    return [
        f"{count} {tag} dropped (feedback is not imported)"
        for tag, count in sorted(dropped.items())
    ]


def take_hints(root: Element) -> tuple[str, ...]:
    """Remove the infoControl boxes and return their text, in document order."""
    texts = (" ".join("".join(node.itertext()).split()) for node in _remove(root, {HINT_ELEMENT}))
    return tuple(text for text in texts if text)


def take_choice_feedback(root: Element) -> dict[str, str]:
    """Remove each choice's feedback and return its text by choice identifier."""
    keys = {c.get("identifier", "") for c in root.iter("simpleChoice")} - {""}
    found: dict[str, str] = {}
    for choice in root.iter("simpleChoice"):
        texts = [_text(node) for node in _remove(choice, {"feedbackInline"})]
        if any(texts) and choice.get("identifier"):
            found[choice.get("identifier", "")] = " ".join(t for t in texts if t)
    modal = [
        node
        for node in root.iter("modalFeedback")
        if node.get("identifier") in keys and _text(node)
    ]
    for node in _remove(root, {"modalFeedback"}, keep=lambda n: n not in modal):
        key = node.get("identifier", "")
        found[key] = " ".join(t for t in (found.get(key, ""), _text(node)) if t)
    return found


def _text(node: Element) -> str:
    return " ".join("".join(node.itertext()).split())[:2000]


def _remove(
    root: Element,
    tags: frozenset[str] | set[str],
    keep: Callable[[Element], bool] = lambda node: False,
) -> list[Element]:
    parents = {child: parent for parent in root.iter() for child in parent}
    removed = []
    for node in [n for n in root.iter() if n.tag in tags and not keep(n)]:
        parent = parents.get(node)
        if parent is None or node not in list(parent):
            continue  # the root itself, or inside something already removed
        index = list(parent).index(node)
        tail = node.tail or ""
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(node)
        removed.append(node)
    return removed
