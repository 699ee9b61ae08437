"""Reads about frameworks and standards: the tree, leaves, prerequisites, search.

The tree of a framework is always built from one query of all its standards, never by
walking `children` row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from learnloop.accounts.models import Role, User
from learnloop.standards.models import Framework, Standard, StandardAssociation

PRECEDES = "precedes"
IS_CHILD_OF = "isChildOf"


@dataclass
class TreeNode:
    standard: Standard
    children: list[TreeNode] = field(default_factory=list)
    depth: int = 0

    @property
    def is_leaf(self) -> bool:
        return not self.children


def framework_tree(framework: Framework) -> list[TreeNode]:
    """The top-level nodes of the framework, children ordered by sequence (one query)."""
    standards = list(Standard.objects.filter(framework=framework).order_by("sequence", "pk"))
    nodes = {standard.pk: TreeNode(standard) for standard in standards}
    roots: list[TreeNode] = []
    for standard in standards:
        parent = nodes.get(standard.parent_id) if standard.parent_id else None
        (parent.children if parent else roots).append(nodes[standard.pk])
    _set_depths(roots, 0)
    return roots


def _set_depths(nodes: list[TreeNode], depth: int) -> None:
    stack = [(node, depth) for node in nodes]
    while stack:
        node, level = stack.pop()
        node.depth = level
        stack.extend((child, level + 1) for child in node.children)


def walk(nodes: list[TreeNode]) -> Iterator[TreeNode]:
    """Depth-first, in display order."""
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def leaf_standards_for_framework(framework: Framework) -> list[Standard]:
    """The standards a student can demonstrate (no children), in the framework's order."""
    return [node.standard for node in walk(framework_tree(framework)) if node.is_leaf]


def standard_by_code(framework: Framework, code: str) -> Standard | None:
    """The standard with this human code (e.g. "6.RP.A.2") in the framework, if any."""
    return Standard.objects.filter(framework=framework, code=code).order_by("pk").first()


def prerequisites_of(standard: Standard) -> QuerySet[Standard]:
    """Standards that `precede` this one (in-package links only)."""
    return (
        Standard.objects.filter(outgoing__association_type=PRECEDES, outgoing__destination=standard)
        .distinct()
        .order_by("code", "pk")
    )


def dependents_of(standard: Standard) -> QuerySet[Standard]:
    """Standards this one `precedes`: what it is a prerequisite for."""
    return (
        Standard.objects.filter(incoming__association_type=PRECEDES, incoming__origin=standard)
        .distinct()
        .order_by("code", "pk")
    )


def cross_links_of(standard: Standard) -> QuerySet[StandardAssociation]:
    """Associations other than hierarchy and prerequisites that touch this standard."""
    return (
        StandardAssociation.objects.filter(Q(origin=standard) | Q(destination=standard))
        .exclude(association_type__in=[IS_CHILD_OF, PRECEDES])
        .select_related("origin", "destination")
        .order_by("association_type", "pk")
    )


def ancestors_of(standard: Standard) -> list[Standard]:
    """From the top of the framework down to the parent (one query per level, few levels)."""
    path: list[Standard] = []
    seen: set[int] = {standard.pk}
    current = standard.parent
    while current is not None and current.pk not in seen:
        path.append(current)
        seen.add(current.pk)
        current = current.parent
    return list(reversed(path))


def activities_aligned_to(standard: Standard) -> list[Any]:
    """Activities aligned to the standard, once the content app provides them."""
    related = getattr(standard, "activities", None)
    if related is None:
        return []
    return list(related.all().order_by("title"))


def frameworks_for_user(user: User) -> QuerySet[Framework]:
    """Frameworks a signed-in school person can browse: all of them, for teachers and
    admins (frameworks are public documents); for a student, those their classes follow."""
    frameworks = Framework.objects.all()
    if user.role == Role.STUDENT:
        frameworks = frameworks.filter(classrooms__enrollments__student=user).distinct()
    return frameworks.order_by("title")
