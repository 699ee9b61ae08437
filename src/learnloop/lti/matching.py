"""Who and which class a launch (or a membership list) speaks of.

A person is matched, in order, by the platform's `sub` seen before, by the rostered
sourcedId (`lis.person_sourcedid`, OneRoster's id), by e-mail in the platform's school;
a class by the context seen before, then by `lis.course_section_sourcedid`. Only when
the school allows it (`Platform.create_people`) is a missing person or class created.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from learnloop.accounts.models import Role, User
from learnloop.core.errors import ServiceError
from learnloop.lti import claims as c
from learnloop.lti.models import Context, Identity, Platform
from learnloop.schools.models import Classroom, Term
from learnloop.schools.services import enroll_student, ensure_user

MATCHABLE_ROLES = (Role.STUDENT, Role.TEACHER)


class LaunchRefused(ServiceError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(field, message, status=403)


def match_person(*, platform: Platform, person: Mapping[str, Any], role: str) -> Identity:
    """The Identity of a launch's or membership's person, matched or created."""
    subject = str(person.get("sub") or person.get("user_id") or "").strip()[:255]
    if not subject:
        raise LaunchRefused("sub", _("The platform sent no user id (sub)."))
    identity = (
        Identity.objects.select_related("user").filter(platform=platform, subject=subject).first()
    )
    if identity is not None:
        return identity
    user = _rostered(platform, person) or _created(platform, person, role)
    return Identity.objects.create(platform=platform, subject=subject, user=user)


def _rostered(platform: Platform, person: Mapping[str, Any]) -> User | None:
    people = User.objects.filter(
        school=platform.school, role__in=MATCHABLE_ROLES, is_active=True, is_superuser=False
    )
    lis = c.mapping(person, c.LIS)
    sourced_id = str(lis.get("person_sourcedid") or person.get("lis_person_sourcedid") or "")
    if sourced_id:
        found = people.filter(sourced_id=sourced_id).first()
        if found is not None:
            return found
    email = str(person.get("email") or "").strip()
    if email:
        return people.filter(email__iexact=email).first()
    return None


def _created(platform: Platform, person: Mapping[str, Any], role: str) -> User:
    if not platform.create_people:
        raise LaunchRefused(
            "sub",
            _(
                "No LearnLoop account matches you, and this school does not create "
                "accounts from the LMS. Ask the school office to add you."
            ),
        )
    given = str(person.get("given_name") or "").strip()[:150]
    family = str(person.get("family_name") or "").strip()[:150]
    base = re.sub(r"[^a-z0-9]+", "", f"{given}{family}".lower())[:20] or "lti"
    username = f"{base}.{uuid.uuid4().hex[:10]}"
    return ensure_user(
        username=username,
        role=role,
        first_name=given,
        last_name=family,
        school=platform.school,
        email=str(person.get("email") or "").strip()[:254],
    )


def match_context(
    *, platform: Platform, claims: Mapping[str, Any], teacher: User | None
) -> Context:
    """The class a launch's course (context) is, matched or created."""
    context_claim = c.mapping(claims, c.CONTEXT)
    context_id = str(context_claim.get("id") or "").strip()[:255]
    if not context_id:
        raise LaunchRefused("context", _("The platform sent no course (context) id."))
    title = str(context_claim.get("title") or context_claim.get("label") or "").strip()[:120]
    context = (
        Context.objects.select_related("classroom")
        .filter(platform=platform, context_id=context_id)
        .first()
    )
    if context is not None:
        return context
    lis = c.mapping(claims, c.LIS)
    section = str(lis.get("course_section_sourcedid") or "")
    classroom = None
    if section:
        classroom = Classroom.objects.filter(school=platform.school, sourced_id=section).first()
    if classroom is None:
        classroom = _created_class(platform, title or context_id, teacher)
    return Context.objects.create(
        platform=platform, context_id=context_id, title=title, classroom=classroom
    )


def _created_class(platform: Platform, title: str, teacher: User | None) -> Classroom:
    if not platform.create_people or teacher is None:
        raise LaunchRefused(
            "context",
            _(
                "This course is not linked to a LearnLoop class yet. Its teacher opens "
                "LearnLoop from the course first, or the school office rosters the class."
            ),
        )
    term = _current_term(platform, timezone.localdate())
    if term is None:
        raise LaunchRefused("context", _("The school has no term to put a new class in."))
    classroom = Classroom.objects.create(school=platform.school, term=term, name=title[:120])
    classroom.teachers.add(teacher)
    return classroom


def _current_term(platform: Platform, today: dt.date) -> Term | None:
    terms = Term.objects.filter(school=platform.school)
    return (
        terms.filter(starts_on__lte=today, ends_on__gte=today).order_by("-starts_on").first()
        or terms.order_by("-ends_on").first()
    )


def place_in_class(*, classroom: Classroom, user: User) -> None:
    """A teacher teaches the class, a student is enrolled in it (both idempotent)."""
    if user.role == Role.TEACHER:
        classroom.teachers.add(user)
    elif user.role == Role.STUDENT:
        enroll_student(classroom=classroom, student=user)
