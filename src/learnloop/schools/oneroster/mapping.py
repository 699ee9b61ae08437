"""OneRoster values in LearnLoop's terms: roles, dates, lists, school slugs, term names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.text import slugify
from django.utils.translation import gettext

from learnloop.accounts.models import Role
from learnloop.schools.oneroster.reading import Row

# OneRoster 1.1 and 1.2 role values (matched case-insensitively) to LearnLoop roles.
ROLES: Mapping[str, Role] = {
    "student": Role.STUDENT,
    "teacher": Role.TEACHER,
    "aide": Role.TEACHER,
    "proctor": Role.TEACHER,
    "counselor": Role.TEACHER,
    "parent": Role.GUARDIAN,
    "guardian": Role.GUARDIAN,
    "relative": Role.GUARDIAN,
    "administrator": Role.SCHOOL_ADMIN,
    "principal": Role.SCHOOL_ADMIN,
    "siteadministrator": Role.SCHOOL_ADMIN,
    "districtadministrator": Role.SCHOOL_ADMIN,
    "systemadministrator": Role.SCHOOL_ADMIN,
}
# Who sits in a class as a student and who teaches it, by enrollment role.
ENROLLED_AS_STUDENT = frozenset({"student"})
ENROLLED_AS_TEACHER = frozenset({"teacher", "aide", "proctor", "administrator"})
ENROLLED_AS_GUARDIAN = frozenset({"parent", "guardian", "relative"})
SCHOOL_ORG_TYPES = frozenset({"school"})
FALSE_WORDS = frozenset({"false", "0", "no", "n"})


def role_of(row: Row, column: str = "role") -> Role:
    value = row.get(column)
    role = ROLES.get(value.lower())
    if role is None:
        raise row.refuse(
            column,
            gettext("%(value)s is not a OneRoster role LearnLoop knows") % {"value": repr(value)},
        )
    return role


def enrollment_role(row: Row) -> str:
    value = row.get("role").lower()
    if value not in ENROLLED_AS_STUDENT | ENROLLED_AS_TEACHER | ENROLLED_AS_GUARDIAN:
        raise row.refuse(
            "role",
            gettext("%(value)s is not a OneRoster enrollment role")
            % {"value": repr(row.get("role"))},
        )
    return value


def id_list(row: Row, column: str) -> list[str]:
    """A comma-separated list of sourcedIds (OneRoster's CSV lists), blanks dropped."""
    return [part.strip() for part in row.get(column).split(",") if part.strip()]


def date_of(row: Row, column: str) -> dt.date:
    value = row.get(column)
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as error:
        raise row.refuse(
            column, gettext("%(value)s is not a date (YYYY-MM-DD)") % {"value": repr(value)}
        ) from error


def check_modified(row: Row) -> None:
    """dateLastModified, when given, must be an ISO 8601 date and time."""
    value = row.get("dateLastModified")
    if not value:
        return
    try:
        dt.datetime.fromisoformat(value)
    except ValueError as error:
        message = gettext("%(value)s is not an ISO 8601 date-time") % {"value": repr(value)}
        raise row.refuse("dateLastModified", message) from error


def is_enabled(row: Row) -> bool:
    return row.get("enabledUser").lower() not in FALSE_WORDS and not row.to_be_deleted


def text(value: str, limit: int) -> str:
    return value[:limit]


def unique_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:70] or "school"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def unique_name(name: str, sourced_id: str, taken: set[str], limit: int) -> str:
    """`name`, or `name (sourcedId)` when another record in the same place has it."""
    candidate = name[:limit]
    if candidate in taken:
        candidate = f"{name[: max(1, limit - len(sourced_id) - 3)]} ({sourced_id})"[:limit]
    taken.add(candidate)
    return candidate
