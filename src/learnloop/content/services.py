"""Every write about items, activities and rubrics: keyword-only, one transaction each.

Rich text is sanitized here, on the way in, whatever the caller (form, importer,
generator), so nothing unsafe can be stored.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from learnloop.accounts.models import User
from learnloop.content.drafts import (
    ActivityDraft,
    ItemDraft,
    RubricDraft,
    validate_activity,
    validate_item,
    validate_rubric,
)
from learnloop.content.models import (
    CHOICE_KINDS,
    Activity,
    ActivityItem,
    ActivityKind,
    Choice,
    Item,
    ItemKind,
    Rubric,
    RubricCriterion,
    RubricLevel,
    Source,
    Status,
)
from learnloop.content.richtext import sanitize_html
from learnloop.schools.models import School
from learnloop.standards.models import Standard


def _item_fields(draft: ItemDraft) -> dict[str, object]:
    numeric = draft.kind == ItemKind.NUMERIC
    short_text = draft.kind == ItemKind.SHORT_TEXT
    typed = short_text or draft.kind == ItemKind.MATH
    return {
        "kind": draft.kind,
        "title": draft.title.strip()[:200],
        "stem": sanitize_html(draft.stem),
        "numeric_answer": draft.numeric_answer if numeric else None,
        "tolerance": draft.tolerance if numeric else 0,
        "accepted_answers": [a.strip() for a in draft.accepted_answers if a.strip()]
        if typed
        else [],
        "case_sensitive": draft.case_sensitive and short_text,
        "ignore_punctuation": draft.ignore_punctuation and short_text,
        "partial_credit": draft.partial_credit and draft.kind == ItemKind.MULTIPLE_CHOICE,
        "math_any_form": draft.math_any_form,
        "hints": [sanitize_html(h) for h in draft.hints if h.strip()],
        "solution": sanitize_html(draft.solution),
        "difficulty": draft.difficulty,
    }


def _replace_choices(item: Item, draft: ItemDraft) -> None:
    item.choices.all().delete()
    if draft.kind not in CHOICE_KINDS:
        return
    choices = [c for c in draft.choices if c.text.strip()]
    taken = {c.identifier for c in choices if c.identifier}
    spare = iter(letter for letter in string.ascii_uppercase if letter not in taken)
    Choice.objects.bulk_create(
        Choice(
            item=item,
            identifier=choice.identifier or next(spare, f"C{position}"),
            position=position,
            text=sanitize_html(choice.text),
            is_correct=choice.is_correct,
            feedback=" ".join(choice.feedback.split())[:2000],
        )
        for position, choice in enumerate(choices)
    )


@transaction.atomic
def create_item(
    *,
    author: User | None,
    school: School | None,
    draft: ItemDraft,
    standards: Iterable[Standard] = (),
    status: str = Status.DRAFT,
    source: str = Source.AUTHORED,
    source_identifier: str = "",
) -> Item:
    validate_item(draft)
    item = Item.objects.create(
        author=author,
        school=school,
        status=status,
        source=source,
        source_identifier=source_identifier,
        **_item_fields(draft),
    )
    _replace_choices(item, draft)
    item.standards.set(list(standards))
    return item


@transaction.atomic
def update_item(*, item: Item, draft: ItemDraft) -> Item:
    """Replace the item's content; its kind is fixed once created."""
    if draft.kind != item.kind:
        raise ValidationError({"kind": "An item's kind cannot change; make a new item."})
    validate_item(draft)
    fields = _item_fields(draft)
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=[*fields, "updated_at"])
    _replace_choices(item, draft)
    return item


@transaction.atomic
def upsert_item(
    *,
    source: str,
    source_identifier: str,
    school: School | None,
    author: User | None,
    draft: ItemDraft,
    standards: Iterable[Standard] = (),
    status: str = Status.PUBLISHED,
) -> tuple[Item, bool]:
    """Create or update the item an importer or generator knows by its identifier."""
    existing = Item.objects.filter(source=source, source_identifier=source_identifier).first()
    if existing is None:
        item = create_item(
            author=author,
            school=school,
            draft=draft,
            standards=standards,
            status=status,
            source=source,
            source_identifier=source_identifier,
        )
        return item, True
    if existing.kind != draft.kind:
        existing.kind = draft.kind
        existing.save(update_fields=["kind"])
    update_item(item=existing, draft=draft)
    existing.standards.set(list(standards))
    if existing.status != status:
        existing.status = status
        existing.save(update_fields=["status", "updated_at"])
    return existing, False


@transaction.atomic
def align_item(*, item: Item, standards: Iterable[Standard]) -> Item:
    item.standards.set(list(standards))
    return item


@transaction.atomic
def publish_item(*, item: Item) -> Item:
    item.status = Status.PUBLISHED
    item.save(update_fields=["status", "updated_at"])
    return item


def _activity_fields(draft: ActivityDraft) -> dict[str, object]:
    return {
        "kind": draft.kind,
        "title": draft.title.strip(),
        "summary": draft.summary.strip(),
        "body": sanitize_html(draft.body),
        "link_url": draft.link_url.strip() if draft.kind == ActivityKind.LESSON else "",
        "modality": draft.modality,
        "interest_tags": sorted({t.strip().lower() for t in draft.interest_tags if t.strip()}),
        "estimated_minutes": draft.estimated_minutes,
        "secure": draft.secure or draft.kind == ActivityKind.QUIZ,
    }


@transaction.atomic
def create_activity(
    *,
    author: User | None,
    school: School | None,
    draft: ActivityDraft,
    standards: Iterable[Standard] = (),
    status: str = Status.DRAFT,
    source: str = Source.AUTHORED,
    source_identifier: str = "",
) -> Activity:
    validate_activity(draft)
    activity = Activity.objects.create(
        author=author,
        school=school,
        status=status,
        source=source,
        source_identifier=source_identifier,
        extra=_with_practice({}, draft),
        **_activity_fields(draft),
    )
    activity.standards.set(list(standards))
    return activity


def _with_practice(extra: object, draft: ActivityDraft) -> dict[str, object]:
    """The activity's `extra` with the draft's session target (other keys kept; settings
    the form does not show, such as a cap or the misses before routing, kept too)."""
    found = dict(extra) if isinstance(extra, dict) else {}
    if draft.practice is None:
        return found
    before = found.get("practice")
    kept = (
        {k: v for k, v in before.items() if k not in ("target", "items")}
        if isinstance(before, dict)
        else {}
    )
    return found | {"practice": kept | dict(draft.practice)}


@transaction.atomic
def update_activity(*, activity: Activity, draft: ActivityDraft) -> Activity:
    if draft.kind != activity.kind:
        raise ValidationError({"kind": "An activity's kind cannot change; make a new one."})
    validate_activity(draft)
    fields = _activity_fields(draft)
    if draft.practice is not None:
        fields["extra"] = _with_practice(activity.extra, draft)
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save(update_fields=[*fields, "updated_at"])
    return activity


@transaction.atomic
def upsert_activity(
    *,
    source: str,
    source_identifier: str,
    school: School | None,
    author: User | None,
    draft: ActivityDraft,
    standards: Iterable[Standard] = (),
    status: str = Status.PUBLISHED,
) -> tuple[Activity, bool]:
    """Create or update the activity a generator or importer knows by its identifier."""
    existing = Activity.objects.filter(source=source, source_identifier=source_identifier).first()
    if existing is None:
        activity = create_activity(
            author=author,
            school=school,
            draft=draft,
            standards=standards,
            status=status,
            source=source,
            source_identifier=source_identifier,
        )
        return activity, True
    update_activity(activity=existing, draft=draft)
    existing.standards.set(list(standards))
    if existing.status != status:
        existing.status = status
        existing.save(update_fields=["status", "updated_at"])
    return existing, False


@transaction.atomic
def align_activity(*, activity: Activity, standards: Iterable[Standard]) -> Activity:
    activity.standards.set(list(standards))
    return activity


@transaction.atomic
def set_activity_items(*, activity: Activity, items: Sequence[Item]) -> Activity:
    """Make `items`, in this order, the activity's items."""
    if not activity.holds_items:
        raise ValidationError({"items": f"A {activity.get_kind_display().lower()} has no items."})
    if len({item.pk for item in items}) != len(items):
        raise ValidationError({"items": "An item appears twice."})
    ActivityItem.objects.filter(activity=activity).delete()
    ActivityItem.objects.bulk_create(
        ActivityItem(activity=activity, item=item, position=position)
        for position, item in enumerate(items)
    )
    return activity


_Row = TypeVar("_Row", RubricCriterion, RubricLevel)


@transaction.atomic
def set_rubric(*, activity: Activity, draft: RubricDraft) -> Rubric:
    """Make the project's rubric `draft` (criteria x levels).

    Rows are kept in place: a criterion or level keeps its id when its name stays (moved
    or not), else the row at its place is reworded. So the levels teachers already chose
    when scoring work stay attached (an edit to a descriptor never wipes a score); only
    criteria and levels the draft no longer has are deleted, with the choices made on them.
    """
    if activity.kind != ActivityKind.PROJECT:
        raise ValidationError({"rubric": "Only projects have a rubric."})
    validate_rubric(draft)
    rubric, _ = Rubric.objects.update_or_create(
        activity=activity, defaults={"title": draft.title.strip()}
    )
    existing = list(rubric.criteria.order_by("position", "pk").prefetch_related("levels"))
    names = [name.strip() for name, _ in draft.criteria]
    matched = _kept_rows(existing, names, lambda c: c.name)
    for position, (criterion, (name, descriptors)) in enumerate(
        zip(matched, draft.criteria, strict=True)
    ):
        if criterion is None:
            criterion = RubricCriterion.objects.create(
                rubric=rubric, position=position, name=name.strip()
            )
            levels: list[RubricLevel] = []
        else:
            if (criterion.position, criterion.name) != (position, name.strip()):
                criterion.position, criterion.name = position, name.strip()
                criterion.save(update_fields=["position", "name"])
            levels = sorted(criterion.levels.all(), key=lambda lv: (lv.position, lv.pk))
        _set_levels(criterion, levels, draft.levels, descriptors)
    kept = {c.pk for c in matched if c is not None}
    RubricCriterion.objects.filter(pk__in=[c.pk for c in existing if c.pk not in kept]).delete()
    return rubric


def _kept_rows(
    existing: list[_Row], names: list[str], name_of: Callable[[_Row], str]
) -> list[_Row | None]:
    """For each wanted name, the existing row to keep: the one of the same name, else
    the unclaimed row at the same place, else None (a new row)."""
    by_name: dict[str, _Row] = {}
    for row in existing:
        by_name.setdefault(name_of(row).strip().casefold(), row)
    chosen: list[_Row | None] = []
    taken: set[int] = set()
    for name in names:
        row = by_name.get(name.casefold())
        chosen.append(row if row is not None and row.pk not in taken else None)
        if row is not None:
            taken.add(row.pk)
    for place, row in enumerate(chosen):
        if row is None and place < len(existing) and existing[place].pk not in taken:
            chosen[place] = existing[place]
            taken.add(existing[place].pk)
    return chosen


def _set_levels(
    criterion: RubricCriterion,
    levels: list[RubricLevel],
    heads: Sequence[tuple[str, int]],
    descriptors: Sequence[str],
) -> None:
    """The criterion's levels made `heads` x `descriptors`, rows kept as in set_rubric."""
    matched = _kept_rows(levels, [label.strip() for label, _ in heads], lambda lv: lv.label)
    for position, (level, (label, points), descriptor) in enumerate(
        zip(matched, heads, descriptors, strict=True)
    ):
        wanted = (position, label.strip(), points, descriptor.strip())
        if level is None:
            RubricLevel.objects.create(
                criterion=criterion, position=position, label=wanted[1], points=points,
                descriptor=wanted[3],
            )  # fmt: skip
        elif (level.position, level.label, level.points, level.descriptor) != wanted:
            level.position, level.label, level.points, level.descriptor = wanted
            level.save(update_fields=["position", "label", "points", "descriptor"])
    kept = {lv.pk for lv in matched if lv is not None}
    RubricLevel.objects.filter(pk__in=[lv.pk for lv in levels if lv.pk not in kept]).delete()


@transaction.atomic
def publish_activity(*, activity: Activity) -> Activity:
    """Publish an activity that is complete enough for students to use."""
    if activity.holds_items and not activity.entries.exists():
        raise ValidationError({"items": "Add at least one item before publishing."})
    if (
        activity.kind == ActivityKind.PROJECT
        and not RubricCriterion.objects.filter(rubric__activity=activity).exists()
    ):
        raise ValidationError({"rubric": "Write the rubric before publishing the project."})
    activity.status = Status.PUBLISHED
    activity.save(update_fields=["status", "updated_at"])
    if activity.holds_items:
        Item.objects.filter(entries__activity=activity, status=Status.DRAFT).update(
            status=Status.PUBLISHED
        )
    return activity


def _copy_item(item: Item, *, owner: User) -> Item:
    copy = Item.objects.create(
        author=owner,
        school=owner.school,
        status=Status.DRAFT,
        copied_from=item,
        **{name: getattr(item, name) for name in _COPIED_ITEM_FIELDS},
    )
    Choice.objects.bulk_create(
        Choice(
            item=copy,
            identifier=choice.identifier,
            position=choice.position,
            text=choice.text,
            is_correct=choice.is_correct,
            feedback=choice.feedback,
        )
        for choice in item.choices.all()
    )
    copy.standards.set(item.standards.all())
    return copy


_COPIED_ITEM_FIELDS = (
    "kind", "title", "stem", "numeric_answer", "tolerance", "accepted_answers",
    "case_sensitive", "ignore_punctuation", "partial_credit", "hints", "solution", "difficulty",
)  # fmt: skip
_COPIED_ACTIVITY_FIELDS = (
    "kind", "summary", "body", "link_url", "modality", "interest_tags", "estimated_minutes",
    "secure",
)  # fmt: skip


@transaction.atomic
def copy_activity(*, activity: Activity, owner: User) -> Activity:
    """Deep copy (items, alignment, rubric) into a new draft that `owner` may adapt."""
    copy = Activity.objects.create(
        author=owner,
        school=owner.school,
        status=Status.DRAFT,
        copied_from=activity,
        title=f"{activity.title} (copy)"[:200],
        **{name: getattr(activity, name) for name in _COPIED_ACTIVITY_FIELDS},
    )
    copy.standards.set(activity.standards.all())
    entries = activity.entries.select_related("item").prefetch_related(
        "item__choices", "item__standards"
    )
    ActivityItem.objects.bulk_create(
        ActivityItem(activity=copy, item=_copy_item(entry.item, owner=owner), position=index)
        for index, entry in enumerate(entries)
    )
    rubric = Rubric.objects.filter(activity=activity).first()
    if rubric is not None:
        criteria = rubric.criteria.prefetch_related("levels")
        first_levels = list(criteria[0].levels.all()) if criteria else []
        set_rubric(
            activity=copy,
            draft=RubricDraft(
                title=rubric.title,
                levels=tuple((level.label, level.points) for level in first_levels),
                criteria=tuple(
                    (c.name, tuple(level.descriptor for level in c.levels.all())) for c in criteria
                ),
            ),
        )
    return copy
