"""Reads for the authoring pages: the library, standards to align to, item pickers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from learnloop.accounts.models import Role, User
from learnloop.content.models import (
    Activity,
    ActivityItem,
    Item,
    Rubric,
    RubricCriterion,
    Status,
    StepHint,
    StepKind,
)
from learnloop.standards.models import Framework, Standard

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class LibraryFilter:
    kind: str = ""
    status: str = ""
    standard_code: str = ""
    query: str = ""


def _visible_to(user: User) -> Q:
    """What an author may see: their own, their school's, and the published shared library."""
    return (
        Q(author=user)
        | Q(school_id=user.school_id)
        | Q(school__isnull=True, status=Status.PUBLISHED)
    )


def _filtered(
    queryset: QuerySet, user: User, chosen: LibraryFilter, text_fields: Iterable[str]
) -> QuerySet:
    queryset = queryset.filter(_visible_to(user))
    if chosen.kind:
        queryset = queryset.filter(kind=chosen.kind)
    if chosen.status:
        queryset = queryset.filter(status=chosen.status)
    if chosen.standard_code:
        aligned = Standard.objects.filter(code__istartswith=chosen.standard_code.strip())
        queryset = queryset.filter(standards__in=aligned).distinct()
    if chosen.query:
        match = Q()
        for name in text_fields:
            match |= Q(**{f"{name}__icontains": chosen.query.strip()})
        queryset = queryset.filter(match)
    return queryset


def activities_for_author(user: User, chosen: LibraryFilter) -> QuerySet[Activity]:
    queryset = _filtered(Activity.objects.all(), user, chosen, ("title", "summary"))
    return (
        queryset.select_related("author", "school")
        .prefetch_related(Prefetch("standards", queryset=Standard.objects.order_by("code")))
        .annotate(item_count=Count("entries", distinct=True))
        .order_by("title", "pk")
    )


def items_for_author(user: User, chosen: LibraryFilter) -> QuerySet[Item]:
    queryset = _filtered(Item.objects.all(), user, chosen, ("title", "stem"))
    return (
        queryset.select_related("author", "school")
        .prefetch_related(Prefetch("standards", queryset=Standard.objects.order_by("code")))
        .order_by("-updated_at", "pk")
    )


def frameworks_for_author(user: User) -> QuerySet[Framework]:
    """The frameworks of the author's classes; all frameworks when those classes have none."""
    if user.role == Role.SCHOOL_ADMIN:
        mine = Framework.objects.filter(classrooms__school_id=user.school_id)
    else:
        mine = Framework.objects.filter(classrooms__teachers=user)
    mine = mine.distinct()
    return mine if mine.exists() else Framework.objects.all()


def standards_matching(user: User, query: str) -> QuerySet[Standard]:
    """Standards of the author's frameworks whose code or statement contains `query`."""
    query = query.strip()
    if not query:
        return Standard.objects.none()
    return (
        Standard.objects.filter(framework__in=frameworks_for_author(user))
        .filter(Q(code__icontains=query) | Q(full_statement__icontains=query))
        .select_related("framework")
        .order_by("code", "pk")[:SEARCH_LIMIT]
    )


def standards_by_ids(
    user: User, ids: Iterable[int], *, already: Iterable[Standard]
) -> list[Standard]:
    """The chosen standards an author may align to: searchable ones or those already aligned."""
    wanted = set(ids)
    kept = [standard for standard in already if standard.pk in wanted]
    kept_ids = {standard.pk for standard in kept}
    found = Standard.objects.filter(
        pk__in=wanted - kept_ids, framework__in=frameworks_for_author(user)
    )
    return kept + list(found)


def item_with_choices(item: Item) -> Item:
    return Item.objects.prefetch_related("choices", "standards").get(pk=item.pk)


def scaffolds_of(item_id: int | None) -> list[StepHint]:
    """The item's scaffolds (sub-questions of its steps, not their own sub-hints), in order:
    what the practice session offers after the hints and the preview shows a teacher."""
    if item_id is None:
        return []
    return list(
        StepHint.objects.filter(step__item_id=item_id, kind=StepKind.SCAFFOLD, parent=None)
        .select_related("step")
        .order_by("step__position", "position", "pk")
    )


def entries_for_activity(activity: Activity) -> QuerySet[ActivityItem]:
    return (
        ActivityItem.objects.filter(activity=activity)
        .select_related("item")
        .prefetch_related("item__choices")
        .order_by("position", "pk")
    )


def items_to_add(user: User, activity: Activity, query: str) -> QuerySet[Item]:
    """Items the author could add to `activity`: visible, matching, not already in it."""
    chosen = LibraryFilter(query=query)
    return items_for_author(user, chosen).exclude(entries__activity=activity)[:SEARCH_LIMIT]


def rubric_for_activity(activity: Activity) -> list[dict[str, object]]:
    """The rubric as rows (criterion, its levels in order), or [] when none."""
    criteria = RubricCriterion.objects.filter(rubric__activity=activity).prefetch_related("levels")
    return [{"criterion": c, "levels": list(c.levels.all())} for c in criteria]


def rubric_title(activity: Activity) -> str:
    return Rubric.objects.filter(activity=activity).values_list("title", flat=True).first() or ""


def items_by_ids(user: User, ids: list[int]) -> list[Item]:
    """The items with these ids that `user` may see, in the order of `ids`."""
    found = {item.pk: item for item in Item.objects.filter(_visible_to(user), pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]
