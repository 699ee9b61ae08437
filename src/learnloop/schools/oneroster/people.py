"""Plan the people of a roster: users (with roles and schools), class memberships, guardians."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.accounts.names import clean_name
from learnloop.accounts.usernames import username_skeleton
from learnloop.schools.models import Classroom, Enrollment, RosterIdentifier
from learnloop.schools.oneroster import mapping
from learnloop.schools.oneroster.reading import AlreadyRefused, Row

MAX_EMAIL_LENGTH = 254

if TYPE_CHECKING:
    from learnloop.schools.models import School
    from learnloop.schools.oneroster.planning import Planner


def _role_rows(planner: Planner) -> tuple[dict[str, Row], set[str]]:
    """OneRoster 1.2: each user's role from roles.csv, the primary one first; and the
    users with a refused roles row."""
    chosen: dict[str, Row] = {}
    refused: set[str] = set()
    for row in planner.files.rows("roles"):
        user = row.get("userSourcedId")
        refused.add(user)
        with planner.checking(row):
            mapping.check_modified(row)
            if row.to_be_deleted:
                refused.discard(user)
                continue
            mapping.role_of(row)
            refused.discard(user)
            if user not in chosen or row.get("roleType").lower() == "primary":
                chosen[user] = row
    return chosen, refused - set(chosen)


def _school_of(planner: Planner, row: Row, role_row: Row | None) -> School | None:
    if role_row is not None:
        return planner.org_school(role_row, "orgSourcedId")
    schools = [
        planner.org_school(row, column, sourced_id)
        for column in ("primaryOrgSourcedId", "orgSourcedIds")
        for sourced_id in mapping.id_list(row, column)
    ]
    return next((school for school in schools if school is not None), None)


@dataclass
class _Known:
    """What every users row is checked against: stored names, identifiers and roles."""

    role_rows: dict[str, Row]
    refused_roles: set[str]
    identifiers: dict[int, RosterIdentifier]
    names: dict[str, str]
    skeletons: dict[str, str]


def plan_users(planner: Planner) -> None:
    role_rows, refused_roles = _role_rows(planner)
    known = _Known(
        role_rows=role_rows,
        refused_roles=refused_roles,
        identifiers={i.person_id: i for i in RosterIdentifier.objects.all()},
        names=dict(User.objects.values_list("username", "sourced_id")),
        skeletons=dict(User.objects.values_list("username_skeleton", "username")),
    )
    seen: set[str] = set()
    for row in planner.files.rows("users"):
        seen.add(row.sourced_id)
        with planner.checking(row):
            _plan_user(planner, row, known)
    if planner.files.is_bulk("users"):
        _deactivate_missing(planner, seen)


def _plan_user(planner: Planner, row: Row, known: _Known) -> None:
    mapping.check_modified(row)
    existing = planner.users.get(row.sourced_id)
    if row.sourced_id in planner.foreign_user_ids:
        raise row.refuse("sourcedId", gettext("this person belongs to another school"))
    if row.to_be_deleted:
        if existing is not None and existing.is_active:
            planner.plan.deactivate_user_pks.append(existing.pk)
            planner.plan.note("user", "deactivate", existing.username)
        return
    role_row = known.role_rows.get(row.sourced_id)
    if role_row is None and not row.get("role"):
        message = gettext("no role: neither a role column nor a row in roles.csv")
        if row.sourced_id in known.refused_roles:
            raise AlreadyRefused(row.file, message)
        raise row.refuse("role", message)
    role = mapping.role_of(role_row) if role_row else mapping.role_of(row)
    planner.raw_roles[row.sourced_id] = (role_row or row).get("role").lower()
    username = mapping.text(row.get("username"), 150)
    _check_username(row, username, known.names, known.skeletons)
    desired = {
        "username": username,
        "first_name": mapping.text(clean_name(row.get("givenName") or ""), 150),
        "last_name": mapping.text(clean_name(row.get("familyName") or ""), 150),
        "email": _email(row),
        "role": role,
        "school": _school_of(planner, row, role_row) or planner.target,
        "is_active": mapping.is_enabled(row),
    }
    if existing is not None:
        planner.plan.update("user", existing, desired, username)
        _plan_identifier(planner, row, existing, known.identifiers.get(existing.pk))
        return
    user = User(sourced_id=row.sourced_id, password=make_password(None), **desired)
    user.username_skeleton = username_skeleton(username)
    planner.users[row.sourced_id] = user
    planner.plan.create("user", user, f"{username} ({Role(role).label})")
    _plan_identifier(planner, row, user, None)


def _plan_identifier(
    planner: Planner, row: Row, user: User, stored: RosterIdentifier | None
) -> None:
    """OneRoster 1.2's `userMasterIdentifier`, kept so that sign-in can match on it."""
    master = mapping.text(row.get("userMasterIdentifier"), 255)
    label = f"{user.username}: {master or 'none'}"
    if stored is not None:
        planner.plan.update("identifier", stored, {"master_identifier": master}, label)
    elif master:
        identifier = RosterIdentifier(person=user, master_identifier=master)
        planner.plan.create("identifier", identifier, label)


def _email(row: Row) -> str:
    """The e-mail address, or blank where it cannot be one (no @, or too long to store)."""
    email = row.get("email")
    return email if "@" in email and len(email) <= MAX_EMAIL_LENGTH else ""


def _check_username(
    row: Row, username: str, names: dict[str, str], skeletons: dict[str, str]
) -> None:
    owner = names.setdefault(username, row.sourced_id)
    if owner != row.sourced_id:
        raise row.refuse(
            "username",
            gettext("%(username)s already belongs to another account")
            % {"username": repr(username)},
        )
    skeleton = username_skeleton(username)
    lookalike = skeletons.setdefault(skeleton, username)
    if lookalike != username:
        raise row.refuse(
            "username",
            gettext("%(username)s looks the same as %(other)s")
            % {"username": repr(username), "other": repr(lookalike)},
        )


def _deactivate_missing(planner: Planner, seen: set[str]) -> None:
    """A bulk users file is the whole list: rostered people of its schools not in it leave."""
    school_pks = {school.pk for school in planner.schools.values() if school.pk}
    for sourced_id, user in planner.users.items():
        if user.pk and user.is_active and sourced_id not in seen and user.school_id in school_pks:
            planner.plan.deactivate_user_pks.append(user.pk)
            planner.plan.note("user", "deactivate", user.username)


def _memberships(model: type, user_field: str) -> dict[tuple[str, str], int]:
    rows = model.objects.exclude(classroom__sourced_id="").exclude(
        **{f"{user_field}__sourced_id": ""}
    )
    return {
        (class_id, user_id): pk
        for pk, class_id, user_id in rows.values_list(
            "pk", "classroom__sourced_id", f"{user_field}__sourced_id"
        )
    }


def plan_enrollments(planner: Planner) -> None:
    through = Classroom.teachers.through
    enrolled = _memberships(Enrollment, "student")
    teaching = _memberships(through, "user")
    seen: set[tuple[str, str]] = set()
    skipped_guardians = 0
    today = timezone.localdate()
    for row in planner.files.rows("enrollments"):
        with planner.checking(row):
            mapping.check_modified(row)
            role = mapping.enrollment_role(row)
            key = (row.get("classSourcedId"), row.get("userSourcedId"))
            classroom = planner.classes.get(key[0])
            user = planner.users.get(key[1])
            if classroom is None:
                message = gettext("unknown reference: no class %(id)s") % {"id": repr(key[0])}
                raise planner.unknown(row, "classSourcedId", "classes", key[0], message)
            if user is None:
                message = gettext("unknown reference: no user %(id)s") % {"id": repr(key[1])}
                raise planner.unknown(row, "userSourcedId", "users", key[1], message)
            if role in mapping.ENROLLED_AS_GUARDIAN:
                skipped_guardians += 1
                continue
            as_student = role in mapping.ENROLLED_AS_STUDENT
            existing = enrolled if as_student else teaching
            label = gettext("%(person)s in %(class)s") % {
                "person": user.username,
                "class": classroom.name,
            }
            kind = "enrollment" if as_student else "teacher"
            if row.to_be_deleted or _ended(row, today):
                if key in existing:
                    plan = planner.plan
                    pks = plan.remove_enrollment_pks if as_student else plan.remove_teaching_pks
                    pks.append(existing.pop(key))
                    planner.plan.note(kind, "deactivate", label)
                continue
            if key in seen:
                continue
            seen.add(key)
            if key not in existing:
                if as_student:
                    planner.plan.create(kind, Enrollment(classroom=classroom, student=user), label)
                else:
                    planner.plan.create(kind, through(classroom=classroom, user=user), label)
    if skipped_guardians:
        planner.plan.notes.append(
            ngettext(
                "enrollments.csv: %(count)d parent or guardian enrollment skipped; "
                "guardians are linked to their children through agentSourcedIds",
                "enrollments.csv: %(count)d parent or guardian enrollments skipped; "
                "guardians are linked to their children through agentSourcedIds",
                skipped_guardians,
            )
            % {"count": skipped_guardians}
        )
    if planner.files.is_bulk("enrollments"):
        _end_missing(planner, enrolled, seen, "enrollment", planner.plan.remove_enrollment_pks)
        _end_missing(planner, teaching, seen, "teacher", planner.plan.remove_teaching_pks)


def _ended(row: Row, today: dt.date) -> bool:
    """An enrollment whose endDate has passed is over (SIS exports keep past ones)."""
    for column in ("beginDate", "endDate"):
        if row.get(column):
            mapping.date_of(row, column)
    return bool(row.get("endDate")) and mapping.date_of(row, "endDate") < today


def _end_missing(
    planner: Planner,
    existing: dict[tuple[str, str], int],
    seen: set[tuple[str, str]],
    kind: str,
    pks: list[int],
) -> None:
    """A bulk enrollments file is every membership: rostered ones not in it end."""
    school_pks = {school.pk for school in planner.schools.values() if school.pk}
    scope = {c.sourced_id for c in planner.classes.values() if c.school_id in school_pks}
    for key, pk in existing.items():
        if key not in seen and key[0] in scope:
            pks.append(pk)
            planner.plan.note(
                kind,
                "deactivate",
                gettext("%(person)s in %(class)s") % {"person": key[1], "class": key[0]},
            )


def plan_guardian_links(planner: Planner) -> None:
    existing = set(
        GuardianLink.objects.exclude(guardian__sourced_id="")
        .exclude(student__sourced_id="")
        .values_list("guardian__sourced_id", "student__sourced_id")
    )
    for row in planner.files.rows("users"):
        if row.to_be_deleted or planner.files.is_refused("users", row.sourced_id):
            continue
        with planner.checking(row):
            _plan_links_of(planner, row, existing)


def _plan_links_of(planner: Planner, row: Row, existing: set[tuple[str, str]]) -> None:
    for agent_id in mapping.id_list(row, "agentSourcedIds"):
        agent = planner.users.get(agent_id)
        if agent is None:
            message = gettext("unknown reference: no user %(id)s") % {"id": repr(agent_id)}
            raise planner.unknown(row, "agentSourcedIds", "users", agent_id, message)
        me = planner.users[row.sourced_id]
        pair = _guardian_pair(me, agent, row.sourced_id, agent_id)
        if pair is None or pair in existing:
            continue
        existing.add(pair)
        guardian, student = (me, agent) if pair[0] == row.sourced_id else (agent, me)
        relationship = planner.raw_roles.get(pair[0], "")
        link = GuardianLink(guardian=guardian, student=student, relationship=relationship)
        planner.plan.create("guardian link", link, f"{guardian.username} → {student.username}")


def _guardian_pair(me: User, agent: User, my_id: str, agent_id: str) -> tuple[str, str] | None:
    if me.role == Role.STUDENT and agent.role == Role.GUARDIAN:
        return (agent_id, my_id)
    if me.role == Role.GUARDIAN and agent.role == Role.STUDENT:
        return (my_id, agent_id)
    return None
