"""Response processing written out by hand that is exactly a standard template.

Many items (Common Cartridge exports and the 1EdTech QTI 2.1 examples among them) spell
out match_correct instead of naming its template, usually to set a feedback outcome on
the way:

    <responseCondition>
      <responseIf>
        <match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>
        <setOutcomeValue identifier="SCORE"> a positive number </setOutcomeValue>
        ... other outcomes (FEEDBACK) ...
      </responseIf>
      <responseElse> ... other outcomes, or SCORE set to 0 ... </responseElse>
    </responseCondition>

plus, around it, assignments to outcomes other than SCORE. That scores exactly as
match_correct: full marks when the response matches the correct one, none otherwise.
Anything else (another comparison, a tolerance, partial scores, several conditions) is
not recognised and the item stays refused by name.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import Element

SCORE = "SCORE"


def is_written_out_match_correct(root: Element, processing: Element, response: str) -> bool:
    """Does `processing` (children already in 2.x names) score `response` as match_correct?"""
    conditions = [node for node in processing if node.tag == "responseCondition"]
    others = [node for node in processing if node.tag != "responseCondition"]
    if len(conditions) != 1 or not all(_sets_other_than_score(node) for node in others):
        return False
    branches = list(conditions[0])
    tags = [branch.tag for branch in branches]
    if tags not in (["responseIf"], ["responseIf", "responseElse"]):
        return False
    test, *actions = list(branches[0])
    if not _matches_correct(test, response):
        return False
    if [_score(root, node) for node in actions if _sets_score(node)] != ["positive"]:
        return False
    if not all(node.tag == "setOutcomeValue" for node in actions):
        return False
    otherwise = list(branches[1]) if len(branches) == 2 else []
    return all(_sets_other_than_score(node) or _score(root, node) == "zero" for node in otherwise)


def _matches_correct(test: Element, response: str) -> bool:
    if test.tag != "match" or len(test) != 2:
        return False
    operands = sorted((node.tag, node.get("identifier", "")) for node in test)
    return operands == [("correct", response), ("variable", response)]


def _sets_score(node: Element) -> bool:
    return node.tag == "setOutcomeValue" and node.get("identifier") == SCORE


def _sets_other_than_score(node: Element) -> bool:
    return node.tag == "setOutcomeValue" and node.get("identifier") != SCORE


def _score(root: Element, node: Element) -> str:
    """ "positive", "zero" or "other" for what a setOutcomeValue of SCORE assigns."""
    if not _sets_score(node) or len(node) != 1:
        return "other"
    value = node[0]
    if value.tag == "baseValue":
        return _sign(value.text)
    if value.tag == "variable":  # e.g. MAXSCORE: its declared default
        return _sign(_default_of(root, value.get("identifier", "")))
    return "other"


def _default_of(root: Element, outcome: str) -> str | None:
    for declaration in root.findall("outcomeDeclaration"):
        if declaration.get("identifier") == outcome:
            value = declaration.find("defaultValue/value")
            return value.text if value is not None else None
    return None


def _sign(text: str | None) -> str:
    try:
        number = Decimal((text or "").strip())
    except InvalidOperation:
        return "other"
    if not number.is_finite():
        return "other"
    return "positive" if number > 0 else "zero" if number == 0 else "other"
