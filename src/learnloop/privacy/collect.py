"""Everything LearnLoop keeps about one student, found by walking the model graph.

Nothing here names an app: the walk starts at the student's User row and follows
every relation Django knows (cascades, SET_NULL and PROTECT foreign keys, many-to-many
tables) plus generic relations (content type + object id, as the admin log uses). An
app added later is covered without edits, which is the point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, router

from learnloop.accounts.models import User

Rows = dict[type[models.Model], list[models.Model]]


@dataclass
class StudentData:
    """Rows by model: `owned` are deleted with the student; `referencing` keep a link that
    deletion clears (SET_NULL) or that blocks deletion (`protected`)."""

    owned: Rows = field(default_factory=dict)
    referencing: Rows = field(default_factory=dict)
    protected: Rows = field(default_factory=dict)
    generic: Rows = field(default_factory=dict)

    def all_rows(self) -> Rows:
        merged: dict[type[models.Model], dict[object, models.Model]] = defaultdict(dict)
        for group in (self.owned, self.referencing, self.protected, self.generic):
            for model, rows in group.items():
                merged[model].update((row.pk, row) for row in rows)
        return {model: list(rows.values()) for model, rows in merged.items()}

    def counts(self) -> dict[str, int]:
        return {label(model): len(rows) for model, rows in sorted_rows(self.all_rows())}

    def kinds(self) -> list[RecordKind]:
        """What the admin's page lists: each kind in words, its label, how many rows."""
        return [
            RecordKind(str(model._meta.verbose_name_plural).capitalize(), label(model), len(rows))
            for model, rows in sorted_rows(self.all_rows())
        ]


@dataclass(frozen=True)
class RecordKind:
    name: str  # "Self assessments"
    label: str  # "goals.SelfAssessment", as in the export's file names and docs/privacy.md
    rows: int


def label(model: type[models.Model]) -> str:
    return model._meta.label  # "portfolio.Artifact"


def sorted_rows(rows: Rows) -> list[tuple[type[models.Model], list[models.Model]]]:
    return sorted(
        ((m, sorted(r, key=lambda row: str(row.pk))) for m, r in rows.items() if r),
        key=lambda pair: label(pair[0]),
    )


def _group(objects: Iterable[models.Model]) -> Rows:
    grouped: Rows = defaultdict(list)
    for obj in objects:
        grouped[type(obj)].append(obj)
    return dict(grouped)


def _field_updates(collector: NestedObjects) -> Rows:
    found: list[models.Model] = []
    for batches in collector.field_updates.values():
        for batch in batches:
            found.extend(batch)
    return _group(found)


def generic_pointers(model: type[models.Model]) -> list[tuple[str, str]]:
    """(content type field, object id field) pairs: GenericForeignKeys, and the plain
    `content_type` + `object_id` pair some models (the admin log) use without one."""
    pairs = [
        (f.ct_field, f.fk_field)
        for f in model._meta.private_fields
        if isinstance(f, GenericForeignKey)
    ]
    names = {f.name: f for f in model._meta.concrete_fields}
    plain = names.get("content_type")
    if plain is not None and plain.related_model is ContentType and "object_id" in names:
        pairs.append(("content_type", "object_id"))
    return sorted(set(pairs))


def generic_rows(owned: Rows) -> Rows:
    """Rows that point at any owned row through a content type and an object id."""
    found: list[models.Model] = []
    for model in apps.get_models():
        for ct_field, id_field in generic_pointers(model):
            for target, rows in owned.items():
                content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
                found.extend(
                    model._default_manager.filter(
                        **{ct_field: content_type, f"{id_field}__in": [str(r.pk) for r in rows]}
                    )
                )
    return _group(found)


def collect_student_data(student: User) -> StudentData:
    """All rows about `student`, by model, in the groups deletion treats differently."""
    collector = NestedObjects(using=router.db_for_write(User))
    collector.collect([student])
    owned = {model: list(objs) for model, objs in collector.model_objs.items()}
    return StudentData(
        owned=owned,
        referencing=_field_updates(collector),
        protected=_group(collector.protected),
        generic=generic_rows(owned),
    )
