"""How apps lend to each other: every slot is documented, and no host template includes a
lender's template by path (a card names its own template instead)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import learnloop
from learnloop.core.slots import Slot

PACKAGE = Path(learnloop.__file__).parent
ARCHITECTURE = PACKAGE.parents[1] / "docs" / "architecture.md"
LITERAL_INCLUDE = re.compile(r"""{%\s*include\s+["']([\w-]+)/""")
# The teacher's home page is drawn by web from learning's TEACHER_HOME slot.
ALSO_SHOWN_BY = {"learning.teacher_home": {"web"}}


def product_slots() -> list[Slot[Any]]:
    return [slot for slot in Slot.declared() if not slot.name.startswith("tests.")]


def app_of(dotted: str) -> str:
    return dotted.removeprefix("learnloop.").split(".")[0]


def lenders_by_host() -> dict[str, set[str]]:
    lenders: dict[str, set[str]] = {}
    for slot in product_slots():
        hosts = {app_of(slot.name), *ALSO_SHOWN_BY.get(slot.name, set())}
        for registration in slot.registrations():
            lender = app_of(registration.provider.__module__)
            for host in hosts - {lender}:
                lenders.setdefault(host, set()).add(lender)
    return lenders


def test_the_product_declares_its_slots_and_apps_lend_to_them() -> None:
    slots = product_slots()
    assert len(slots) >= 8
    empty = [slot.name for slot in slots if not len(slot)]
    assert not empty, f"slots nobody lends to: {empty}"


def test_every_slot_is_in_the_architecture_page() -> None:
    text = ARCHITECTURE.read_text()
    missing = [slot.name for slot in product_slots() if f"`{slot.name}`" not in text]
    assert not missing, f"docs/architecture.md does not list {missing}"


def test_no_host_template_includes_a_lenders_template() -> None:
    lenders = lenders_by_host()
    offenders: list[str] = []
    for host, lent_by in lenders.items():
        for template in sorted((PACKAGE / host / "templates").rglob("*.html")):
            for app in LITERAL_INCLUDE.findall(template.read_text()):
                if app in lent_by:
                    offenders.append(f"{template.relative_to(PACKAGE)} includes {app}/...")
    assert lenders, "no lender found: the slots are not wired"
    assert not offenders, offenders
