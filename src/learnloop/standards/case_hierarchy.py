"""The isChildOf tree of a package: each item's parent and its place among its siblings.

Siblings are ordered by the sequenceNumber of their isChildOf association (CASE's
preferred way), then by listEnumeration, then by humanCodingScheme in natural order
(L1.2 before L1.10: OpenSALT's own test packages rely on it), then by package order.

CASE allows an item to have several isChildOf associations (an item reused under two
parents); the first one in the package decides `Standard.parent`, and every
association is still stored. A cycle among isChildOf links is an error.
"""

from __future__ import annotations

from dataclasses import dataclass

from learnloop.standards.case_format import AssociationRecord, CaseImportError, Package
from learnloop.standards.codes import natural_key

IS_CHILD_OF = "isChildOf"


@dataclass(frozen=True)
class Placement:
    parent_identifier: str | None  # None: a top-level item (child of the document)
    sequence: int  # rank among siblings, from sequenceNumber then package order


def place_items(package: Package) -> dict[str, Placement]:
    """Parent and sibling rank of every item of the package; raises on a cycle."""
    item_ids = {item.identifier for item in package.items}
    parent_edge: dict[str, AssociationRecord] = {}
    for association in package.associations:
        if association.association_type != IS_CHILD_OF:
            continue
        child = association.origin.identifier
        if child in item_ids and child not in parent_edge:
            parent_edge[child] = association
    parents = {
        child: (edge.destination.identifier if edge.destination.identifier in item_ids else None)
        for child, edge in parent_edge.items()
    }
    _reject_cycles(package, parents, parent_edge)
    order = {
        item.identifier: (natural_key(item.list_enumeration), natural_key(item.code), index)
        for index, item in enumerate(package.items)
    }
    siblings: dict[str | None, list[str]] = {}
    for item in package.items:
        siblings.setdefault(parents.get(item.identifier), []).append(item.identifier)
    placements: dict[str, Placement] = {}
    for parent, children in siblings.items():
        children.sort(key=lambda child: (_sequence_key(parent_edge.get(child)), order[child]))
        for rank, child in enumerate(children):
            placements[child] = Placement(parent_identifier=parent, sequence=rank)
    return placements


def _sequence_key(edge: AssociationRecord | None) -> tuple[int, int]:
    if edge is None or edge.sequence_number is None:
        return (1, 0)
    return (0, edge.sequence_number)


def _reject_cycles(
    package: Package, parents: dict[str, str | None], parent_edge: dict[str, AssociationRecord]
) -> None:
    settled: set[str] = set()
    for start in parents:
        trail: list[str] = []
        node: str | None = start
        while node is not None and node not in settled:
            if node in trail:
                cycle = [*trail[trail.index(node) :], node]
                edge = parent_edge[trail[-1]]
                raise CaseImportError(
                    package.source,
                    edge.path,
                    "isChildOf cycle: " + " -> ".join(_name(package, item) for item in cycle),
                )
            trail.append(node)
            node = parents.get(node)
        settled.update(trail)


def _name(package: Package, identifier: str) -> str:
    for item in package.items:
        if item.identifier == identifier:
            return item.code or identifier
    return identifier
