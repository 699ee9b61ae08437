"""Every broken variant of the QTI fixtures is imported or clearly refused, never crashes.

Seeded mutations of each fixture item (and of a content package built from them):
truncated, mis-encoded, attributes retyped to huge or odd values, elements dropped or
nested deep, entities declared. The outcome must be an import report or a
QtiImportError, and a refusal must leave the items as they were.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from learnloop.content.models import Choice, Item
from learnloop.content.qti_import import QtiImportError, import_qti
from learnloop.testing.world import World

FIXTURES = Path(__file__).parent / "fixtures" / "qti"
ITEMS = sorted(p for p in FIXTURES.rglob("*.xml") if p.name != "imsmanifest.xml")
ODD_ATTRIBUTES = [
    "", " ", "99999999999999999999999", "-1", "1e400", "NaN", "①", "٣", "6.RP.²", "x" * 5000,
    "&#0;", "&#xD800;", "true", "identifier", "float", "string", "integer",
]  # fmt: skip
ODD_VALUES = ["", "9" * 40, "1E+400", "0.0000001", "1/0", "①", "٣", "NaN", "-0", "x" * 10_000]
ATTRIBUTE = re.compile(rb'([\w:-]+)="([^"]*)"')
VALUE = re.compile(rb"<(qti-)?value>([^<]*)</(qti-)?value>")


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data))]


def _break_encoding(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.choice([b"\xff", b"\xed\xa0\x80", b"\x00", b"&#0;", b"\xc3"]) + data[at:]


def _retype_attribute(data: bytes, rng: random.Random) -> bytes:
    matches = list(ATTRIBUTE.finditer(data))
    match = rng.choice(matches)
    odd = rng.choice(ODD_ATTRIBUTES).encode()
    return data[: match.start(2)] + odd + data[match.end(2) :]


def _retype_value(data: bytes, rng: random.Random) -> bytes:
    matches = list(VALUE.finditer(data)) or list(ATTRIBUTE.finditer(data))
    match = rng.choice(matches)
    odd = rng.choice(ODD_VALUES).encode()
    return data[: match.start(2)] + odd + data[match.end(2) :]


def _drop_element(data: bytes, rng: random.Random) -> bytes:
    tags = list(re.finditer(rb"<([\w-]+)[^>]*/>", data))
    if not tags:
        return data
    match = rng.choice(tags)
    return data[: match.start()] + data[match.end() :]


def _nest_deep(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([50, 150, 3000])
    at = data.rfind(b"</")
    return data[:at] + b"<div>" * depth + b"x" + b"</div>" * depth + data[at:]


def _declare_entity(data: bytes, rng: random.Random) -> bytes:
    doctype = b'<!DOCTYPE x [<!ENTITY e "' + b"a" * rng.choice([1, 1000]) + b'">]>'
    start = data.index(b"?>") + 2 if data.startswith(b"<?xml") else 0
    return data[:start] + doctype + data[start:]


MUTATIONS = {
    "truncate": _truncate,
    "break-encoding": _break_encoding,
    "retype-attribute": _retype_attribute,
    "retype-value": _retype_value,
    "drop-element": _drop_element,
    "nest-deep": _nest_deep,
    "declare-entity": _declare_entity,
}
CASES = [
    (path, seed) for index, path in enumerate(ITEMS) for seed in range(index * 10, index * 10 + 4)
]


def _rows() -> tuple[list[tuple], list[tuple]]:
    return (
        list(Item.objects.order_by("pk").values_list()),
        list(Choice.objects.order_by("pk").values_list()),
    )


def _outcome(path: Path) -> None:
    before = _rows()
    try:
        report = import_qti(path=path, school=None)
    except QtiImportError as error:
        assert error.problems and all(problem.strip() for problem in error.problems)
        assert _rows() == before, "a refusal changed the database"
    else:
        assert report.created + report.updated >= 1


@pytest.mark.django_db
@pytest.mark.parametrize(("fixture", "seed"), CASES, ids=[f"{p.stem}-{s}" for p, s in CASES])
def test_mutated_item_imports_or_is_refused_cleanly(
    world: World, fixture: Path, seed: int, tmp_path: Path
) -> None:
    import_qti(path=FIXTURES / "choice_single_v2p1.xml", school=None)  # a populated library
    rng = random.Random(seed)
    kind = rng.choice(sorted(MUTATIONS))
    broken = tmp_path / f"{kind}-{seed}.xml"
    broken.write_bytes(MUTATIONS[kind](fixture.read_bytes(), rng))
    _outcome(broken)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(6))
def test_mutated_package_imports_or_is_refused_cleanly(
    world: World, seed: int, tmp_path: Path
) -> None:
    rng = random.Random(1000 + seed)
    package = tmp_path / "package.zip"
    with zipfile.ZipFile(package, "w") as archive:
        for path in rng.sample(ITEMS, 5):
            data = path.read_bytes()
            if rng.random() < 0.5:
                data = MUTATIONS[rng.choice(sorted(MUTATIONS))](data, rng)
            archive.writestr(path.name, data)
    _outcome(package)
