"""Import a OneRoster roster: plan it (the dry run), then apply the plan in one transaction.

`import_roster(path=..., school=..., dry_run=...)` is the one entry point, used by
`learnloop import-oneroster` and the school office's roster page. Rows are written in
batches (bulk_create, one UPDATE per changed row, deactivations by id in chunks), so a
district of 100,000 students takes a few dozen statements per thousand rows, never one
per row and reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy, pgettext_lazy

from learnloop.accounts.models import GuardianLink, User
from learnloop.core.readable import grouped
from learnloop.schools.models import (
    Classroom,
    Enrollment,
    RosterChange,
    RosterIdentifier,
    School,
    Term,
)
from learnloop.schools.oneroster.planning import Planner, RosterPlan
from learnloop.schools.oneroster.reading import (
    RosterError,
    RosterFiles,
    read_roster,
    read_roster_files,
)

BATCH = 1000
# Creation order: each kind's rows refer only to kinds before it.
CREATE_ORDER: Mapping[str, Any] = {
    "school": School,
    "term": Term,
    "class": Classroom,
    "user": User,
    "identifier": RosterIdentifier,
    "enrollment": Enrollment,
    "teacher": Classroom.teachers.through,
    "guardian link": GuardianLink,
}

__all__ = ["RosterError", "RosterPlan", "apply_plan", "import_roster", "plan_roster"]


def plan_roster(*, files: RosterFiles, school: School | None = None) -> RosterPlan:
    """What importing `files` would do (into `school` alone, when given); writes nothing."""
    return Planner(files, school).run()


def import_roster(
    *,
    path: Path | None = None,
    files: Mapping[str, bytes] | None = None,
    school: School | None = None,
    dry_run: bool = False,
    actor: User | None = None,
    name: str = "",
) -> RosterPlan:
    """Read, plan and (unless `dry_run`) apply a roster, all or nothing; RosterError refuses
    (`problems`: every problem found in one pass, up to MAX_PROBLEMS, then how many more).

    Deactivations and ended enrolments are written to the roster audit (RosterChange),
    by `actor` (the school admin who confirmed the upload; none from the command line).
    `name` is what a refusal of the zip itself calls it (an upload's own file name)."""
    roster = read_roster(path, name=name) if path is not None else read_roster_files(files or {})
    with transaction.atomic():
        plan = plan_roster(files=roster, school=school)
        if not dry_run:
            apply_plan(plan, actor=actor)
    return plan


def apply_plan(plan: RosterPlan, *, actor: User | None = None) -> None:
    """Write what `plan` holds. Call inside the transaction that computed it."""
    with transaction.atomic():
        for instance, fields in plan.updates:
            if instance.pk is not None:
                instance.save(update_fields=fields)
        for kind, model in CREATE_ORDER.items():
            instances = plan.creates.get(kind, [])
            if instances:
                model.objects.bulk_create(instances, batch_size=BATCH)
        for pks in _chunks(plan.deactivate_user_pks):
            User.objects.filter(pk__in=pks).update(is_active=False)
            _audit(actor, [(pk, None) for pk in pks], RosterChange.Action.DEACTIVATED)
        for pks in _chunks(plan.remove_enrollment_pks):
            ended = Enrollment.objects.filter(pk__in=pks)
            _audit(actor, list(ended.values_list("student_id", "classroom_id")), REMOVED)
            ended.delete()
        for pks in _chunks(plan.remove_teaching_pks):
            Classroom.teachers.through.objects.filter(pk__in=pks).delete()


REMOVED = RosterChange.Action.REMOVED
AUDIT_DETAIL = "OneRoster import"


def _audit(actor: User | None, rows: list[tuple[int, int | None]], action: str) -> None:
    """One audit row per (person, class) the import deactivated or took out of a class."""
    RosterChange.objects.bulk_create(
        [
            RosterChange(
                person_id=person,
                classroom_id=classroom,
                actor=actor,
                action=action,
                detail=AUDIT_DETAIL,
            )
            for person, classroom in rows
        ],
        batch_size=BATCH,
    )


def _chunks(values: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def plan_summary(plan: RosterPlan) -> list[tuple[str, str, int, list[str]]]:
    """(kind, action, count, first rows) for each kind of step, in creation order."""
    order = list(CREATE_ORDER)
    return [
        (kind, action, count, plan.examples[(kind, action)])
        for (kind, action), count in sorted(
            plan.steps.items(), key=lambda item: (order.index(item[0][0]), item[0][1])
        )
    ]


# The plan's kinds and actions in the reader's words (the plan itself keys on English).
STEP_KINDS = {
    "school": pgettext_lazy("roster step", "school"),
    "term": pgettext_lazy("roster step", "term"),
    "class": pgettext_lazy("roster step", "class"),
    "user": pgettext_lazy("roster step", "person"),
    "identifier": pgettext_lazy("roster step", "identifier"),
    "enrollment": pgettext_lazy("roster step", "enrollment"),
    "teacher": pgettext_lazy("roster step", "teacher of a class"),
    "guardian link": pgettext_lazy("roster step", "family link"),
}
STEP_ACTIONS = {
    "create": gettext_lazy("add"),
    "change": gettext_lazy("change"),
    "deactivate": gettext_lazy("deactivate"),
}


def readable_summary(plan: RosterPlan) -> list[tuple[str, str, str, list[str]]]:
    """`plan_summary` for a person: kinds and actions in their language, counts grouped."""
    return [
        (
            str(STEP_KINDS.get(kind, kind)),
            str(STEP_ACTIONS.get(action, action)),
            grouped(count),
            rows,
        )
        for kind, action, count, rows in plan_summary(plan)
    ]
