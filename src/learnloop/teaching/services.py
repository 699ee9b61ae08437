"""Every write of the teaching app: keyword-only, one transaction each.

A repeated submission never creates duplicates: saving a group that already exists with
the same members returns it, and an assignment carries the form's client id.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.content.models import Activity
from learnloop.core.errors import ServiceError
from learnloop.schools.models import Classroom
from learnloop.standards.models import Standard
from learnloop.teaching.models import Assignment, Audience, Group, GroupMembership, Recipient


class TeachingError(ServiceError):
    """A request we refuse, with the form field it concerns and a message for people."""


@dataclass(frozen=True)
class GroupDraft:
    name: str
    student_ids: tuple[int, ...]
    explanation: str = ""


@transaction.atomic
def save_groups(
    *,
    classroom: Classroom,
    teacher: User,
    standards: Sequence[Standard],
    drafts: Sequence[GroupDraft],
    now: datetime | None = None,
) -> list[Group]:
    """Save named groups of the class's students; each student in at most one of them."""
    enrolled = set(classroom.enrollments.values_list("student_id", flat=True))
    _check_drafts(drafts, enrolled)
    saved = []
    for draft in drafts:
        if not draft.student_ids:
            continue
        existing = Group.objects.filter(classroom=classroom, name=draft.name).first()
        if existing is not None:
            members = set(existing.memberships.values_list("student_id", flat=True))
            if members != set(draft.student_ids):
                raise TeachingError(
                    "name",
                    gettext("A group named “%(name)s” already exists.") % {"name": draft.name},
                )
            saved.append(existing)
            continue
        group = Group.objects.create(
            classroom=classroom,
            name=draft.name,
            explanation=draft.explanation[:300],
            created_by=teacher,
            created_at=now or timezone.now(),
        )
        group.standards.set(standards)
        GroupMembership.objects.bulk_create(
            GroupMembership(group=group, student_id=sid) for sid in sorted(draft.student_ids)
        )
        saved.append(group)
    return saved


def _check_drafts(drafts: Sequence[GroupDraft], enrolled: set[int]) -> None:
    names = [d.name.strip() for d in drafts if d.student_ids]
    if any(not name for name in names):
        raise TeachingError("name", gettext("Give every group with students a name."))
    if len(set(n.casefold() for n in names)) != len(names):
        raise TeachingError("name", gettext("Two groups have the same name; give each its own."))
    placed = [sid for d in drafts for sid in d.student_ids]
    if len(placed) != len(set(placed)):
        raise TeachingError("students", gettext("A student can be in only one of these groups."))
    if not set(placed) <= enrolled:
        raise TeachingError(
            "students", gettext("Only students of this class can be in its groups.")
        )
    if not placed:
        raise TeachingError("students", gettext("Put at least one student in a group."))


@transaction.atomic
def delete_group(*, group: Group) -> None:
    """Remove a group; assignments already made to it keep their recipients."""
    group.delete()


@transaction.atomic
def create_assignment(
    *,
    classroom: Classroom,
    teacher: User,
    activity: Activity,
    audience: str,
    client_id: uuid.UUID,
    group: Group | None = None,
    students: Sequence[User] = (),
    note: str = "",
    due_on: date | None = None,
    now: datetime | None = None,
) -> Assignment:
    """Give an activity to the class, a group or chosen students; a repeated form is a no-op."""
    existing = Assignment.objects.filter(classroom=classroom, client_id=client_id).first()
    if existing is not None:
        return existing
    student_ids = _recipients(classroom, audience, group, students)
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                classroom=classroom,
                activity=activity,
                audience=audience,
                group=group if audience == Audience.GROUP else None,
                note=note.strip()[:500],
                due_on=due_on,
                assigned_by=teacher,
                client_id=client_id,
                created_at=now or timezone.now(),
            )
    except IntegrityError:  # the same form raced in from a second click
        return Assignment.objects.get(classroom=classroom, client_id=client_id)
    Recipient.objects.bulk_create(
        Recipient(assignment=assignment, student_id=sid) for sid in sorted(student_ids)
    )
    return assignment


def _recipients(
    classroom: Classroom, audience: str, group: Group | None, students: Sequence[User]
) -> set[int]:
    enrolled = set(classroom.enrollments.values_list("student_id", flat=True))
    if audience == Audience.CLASS:
        chosen = enrolled
    elif audience == Audience.GROUP:
        if group is None or group.classroom_id != classroom.pk:
            raise TeachingError("group", gettext("Choose one of this class's groups."))
        chosen = set(group.memberships.values_list("student_id", flat=True))
    elif audience == Audience.STUDENTS:
        chosen = {s.pk for s in students}
    else:
        raise TeachingError(
            "audience", gettext("Choose who gets this: the class, a group or students.")
        )
    if not chosen:
        raise TeachingError(
            "students", gettext("Nobody would get this assignment; choose students.")
        )
    if not chosen <= enrolled:
        raise TeachingError(
            "students", gettext("Only students of this class can get its assignments.")
        )
    return chosen


@transaction.atomic
def mark_assignment_done(*, recipient: Recipient, now: datetime | None = None) -> Recipient:
    """The student says they finished a lesson or project; marking twice keeps the first."""
    locked = Recipient.objects.select_for_update().get(pk=recipient.pk)
    if locked.done_at is None:
        locked.done_at = now or timezone.now()
        locked.save(update_fields=["done_at"])
    return locked


@transaction.atomic
def make_group_for_move(
    *,
    classroom: Classroom,
    teacher: User,
    standard: Standard,
    student_ids: Sequence[int],
    name: str,
    explanation: str = "",
    now: datetime | None = None,
) -> Group:
    """One click on a suggested move: a group of these students on this standard.

    The same students under the same name return the group already saved; a name taken
    by another group gets a number ("6.RP.A.1: 5:3 (2)")."""
    if standard.pk not in _class_standard_ids(classroom):
        raise TeachingError("standard", gettext("Choose one of this class's standards."))
    base = " ".join(name.split())[:72] or standard.label
    taken = _group_members_by_name(classroom, base)
    wanted = set(student_ids)
    chosen = next(
        (candidate for candidate, members in taken.items() if members == wanted),
        _free_name(base, set(taken)),
    )
    draft = GroupDraft(name=chosen, student_ids=tuple(sorted(wanted)), explanation=explanation)
    (group,) = save_groups(
        classroom=classroom, teacher=teacher, standards=[standard], drafts=[draft], now=now
    )
    return group


def _class_standard_ids(classroom: Classroom) -> set[int]:
    return set(
        Standard.objects.filter(framework__classrooms=classroom).values_list("pk", flat=True)
    )


def _group_members_by_name(classroom: Classroom, base: str) -> dict[str, set[int]]:
    names = Group.objects.filter(classroom=classroom, name__startswith=base).values_list(
        "name", flat=True
    )
    members: dict[str, set[int]] = {group_name: set() for group_name in names}
    rows = GroupMembership.objects.filter(
        group__classroom=classroom, group__name__startswith=base
    ).values_list("group__name", "student_id")
    for group_name, student_id in rows:
        members.setdefault(group_name, set()).add(student_id)
    return members


def _free_name(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base} ({number})" in taken:
        number += 1
    return f"{base} ({number})"
