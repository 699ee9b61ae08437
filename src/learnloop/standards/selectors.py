"""Reads about frameworks and standards: the tree, leaves, prerequisites, search.

The tree of a framework is always built from one query of all its standards, never by
walking `children` row by row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from learnloop.accounts.models import Role, User
from learnloop.standards.codes import code_order
from learnloop.standards.models import Framework, Standard, StandardAssociation

PRECEDES = "precedes"
IS_CHILD_OF = "isChildOf"


def leaf_standards_for_classroom(classroom: Any) -> list[Standard]:
    """The standards a class is held to: the leaves of the frameworks it follows, in
    natural code order, each with its parent (the heatmap's units). The one place that
    says it, for every page that lists a class's standards (heatmap, groups, mistakes,
    assignments, gradebook)."""
    standards = (
        Standard.objects.filter(framework__classrooms=classroom, children__isnull=True)
        .select_related("parent")
        .distinct()
    )
    return sorted(standards, key=code_order)


def leaf_standards_for_student(student: User) -> list[Standard]:
    """The standards a student is held to: the leaves of every framework their classes
    follow, in natural code order, each with its parent (one query). The one place that
    says it, for every page that lists a student's standards."""
    standards = (
        Standard.objects.filter(
            framework__classrooms__enrollments__student=student, children__isnull=True
        )
        .select_related("parent")
        .distinct()
    )
    return sorted(standards, key=code_order)


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


@dataclass(frozen=True)
class CrossLink:
    """One association seen from a standard: its type, direction and the other end."""

    association_type: str
    outgoing: bool  # True: this standard is the origin
    other: Standard | None  # the other end, when it is a standard we hold
    title: str
    identifier: str
    uri: str

    @property
    def uri_is_web_link(self) -> bool:
        return self.uri.startswith(("https://", "http://"))


def cross_links_of(standard: Standard) -> list[CrossLink]:
    """Associations other than hierarchy and prerequisites (exactMatchOf, isRelatedTo, ...)."""
    associations = (
        StandardAssociation.objects.filter(Q(origin=standard) | Q(destination=standard))
        .exclude(association_type__in=[IS_CHILD_OF, PRECEDES])
        .select_related("origin", "destination")
        .order_by("association_type", "pk")
    )
    return [_cross_link(association, standard) for association in associations]


def _cross_link(association: StandardAssociation, standard: Standard) -> CrossLink:
    outgoing = association.origin_id == standard.pk
    end = "destination" if outgoing else "origin"
    return CrossLink(
        association_type=association.association_type,
        outgoing=outgoing,
        other=getattr(association, end),
        title=getattr(association, f"{end}_title"),
        identifier=getattr(association, f"{end}_identifier"),
        uri=getattr(association, f"{end}_uri"),
    )


def ancestors_of(standard: Standard) -> list[Standard]:
    """From the top of the framework down to the parent, in two queries at any depth."""
    parents = dict(
        Standard.objects.filter(framework_id=standard.framework_id).values_list("pk", "parent_id")
    )
    chain: list[int] = []
    current = parents.get(standard.pk)
    while current is not None and current not in chain and current != standard.pk:
        chain.append(current)
        current = parents.get(current)
    if not chain:
        return []
    found = Standard.objects.in_bulk(chain)
    return [found[pk] for pk in reversed(chain)]


def children_of(standard: Standard) -> QuerySet[Standard]:
    return standard.children.order_by("sequence", "pk")


def activities_aligned_to(standard: Standard, viewer: User) -> list[Any]:
    """Published activities aligned to the standard that the viewer's school can see.

    The standards app sits below the content app and never imports it: it reads the
    reverse relation `activities` when content provides one, and applies content's
    visibility rule (shared library or the viewer's own school) through field names.
    """
    related = getattr(standard, "activities", None)
    if related is None:
        return []
    activities = related.all()
    fields = {f.name for f in activities.model._meta.get_fields()}
    if "status" in fields:
        activities = activities.filter(status="published")
    if "school" in fields:
        activities = activities.filter(Q(school__isnull=True) | Q(school_id=viewer.school_id))
    return list(activities.order_by("title", "pk"))


def frameworks_for_user(user: User) -> QuerySet[Framework]:
    """Frameworks a signed-in school person can browse (see access.py), with counts.

    All of them for teachers and admins (frameworks are public documents); for a
    student, those their classes follow.
    """
    frameworks = Framework.objects.all()
    if user.role == Role.STUDENT:
        followed = Framework.objects.filter(classrooms__enrollments__student=user)
        frameworks = frameworks.filter(pk__in=followed.values("pk"))
    return frameworks.annotate(standard_count=Count("standards")).order_by("title")
