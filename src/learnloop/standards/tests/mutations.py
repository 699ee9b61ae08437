"""A seeded generator of broken CASE packages: truncated, retyped, huge, mis-encoded, cyclic.

Each mutation returns the bytes of a file and a short description, so that a failing
case can be reproduced from its seed alone.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from typing import Any

ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 2**31, 2**63, 10**30, 1.5, float("1e308"), "", " ", "7", " 3 ",
    "true", "x" * 600, "\x00", "\ud800", "6.RP.²", "①", "٣.٣", [], {}, ["a"], [[[[]]]],
    {"identifier": 1},
]  # fmt: skip


def mutate(original: bytes, seed: int) -> tuple[bytes, str]:
    """One mutation of a CFPackage file, chosen and shaped by `seed`."""
    rng = random.Random(seed)
    kind = rng.choice(sorted(MUTATIONS))
    return MUTATIONS[kind](original, rng), kind


def _truncate(original: bytes, rng: random.Random) -> bytes:
    return original[: rng.randrange(len(original))]


def _break_encoding(original: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(original))
    junk = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\\ud800", b"\\u0000"])
    if junk.startswith(b"\\"):  # an escape is only read inside a string: put it in one
        at = original.index(b'"', at) + 1 if b'"' in original[at:] else 1
    return original[:at] + junk + original[at:]


def _as_other_encoding(original: bytes, rng: random.Random) -> bytes:
    return original.decode("utf-8").encode(rng.choice(["utf-16", "latin-1", "utf-32"]), "replace")


def _on_tree(
    change: Callable[[Any, random.Random], None],
) -> Callable[[bytes, random.Random], bytes]:
    def apply(original: bytes, rng: random.Random) -> bytes:
        data = json.loads(original)
        change(data, rng)
        return json.dumps(data, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")

    return apply


def _containers(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) of the tree, in document order."""
    found, stack = [], [data]
    while stack:
        node = stack.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node))
        for key in keys:
            found.append((node, key))
            if isinstance(node[key], (dict, list)):
                stack.append(node[key])
    return found


def _retype(data: Any, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 3)):
        node, key = rng.choice(_containers(data))
        node[key] = copy.deepcopy(rng.choice(ODD_VALUES))


def _delete(data: Any, rng: random.Random) -> None:
    node, key = rng.choice(_containers(data))
    del node[key]


def _insert_huge(data: Any, rng: random.Random) -> None:
    objects = [node for node, _ in _containers(data) if isinstance(node, dict)]
    target = rng.choice(objects)
    nested: Any = "deep"
    for _ in range(rng.choice([10, 40, 200])):
        nested = [nested]
    target[rng.choice(["extensions", "notes", "sequenceNumber", "humanCodingScheme"])] = rng.choice(
        [nested, "y" * 200_000, 10**200, -(2**64)]
    )


def _cycle(data: Any, rng: random.Random) -> None:
    """Point an isChildOf link from a parent back to one of its children (or itself)."""
    links = [a for a in data.get("CFAssociations", []) if a.get("associationType") == "isChildOf"]
    link = rng.choice(links)
    child, parent = link["originNodeURI"], link["destinationNodeURI"]
    loop = copy.deepcopy(link)
    loop["identifier"] = f"{link['identifier']}-loop"
    loop["originNodeURI"], loop["destinationNodeURI"] = parent, rng.choice([child, parent])
    data["CFAssociations"].insert(0, loop)


def _duplicate(data: Any, rng: random.Random) -> None:
    items = data.get("CFItems", [])
    items.append(copy.deepcopy(rng.choice(items)))


MUTATIONS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": _truncate,
    "break-encoding": _break_encoding,
    "other-encoding": _as_other_encoding,
    "retype": _on_tree(_retype),
    "delete": _on_tree(_delete),
    "insert-huge": _on_tree(_insert_huge),
    "cycle": _on_tree(_cycle),
    "duplicate": _on_tree(_duplicate),
}
