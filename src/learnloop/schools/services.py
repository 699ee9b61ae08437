"""Every write about schools, terms, classes and people: keyword-only, one transaction.

The `ensure_*` functions build schools from seeds and imports; the school office's
writes below (`add_person`, `add_classroom`, `enrol_students`, `link_guardian_in_school`,
`unlink_guardian`, `add_term`, `update_term`) each check that every row they touch is the
office's school, so no page, and no crafted POST, can reach across schools: the checks
live here, not in forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.accounts.site import site_address
from learnloop.accounts.usernames import refuse_confusable_username
from learnloop.core.errors import ServiceError
from learnloop.schools import sign_in_links
from learnloop.schools.models import Classroom, Enrollment, RosterChange, School, Term
from learnloop.schools.selectors import guardians_for_school
from learnloop.standards.models import Framework


@transaction.atomic
def ensure_school(*, slug: str, name: str, time_zone: str = "UTC") -> School:
    school, _ = School.objects.update_or_create(
        slug=slug, defaults={"name": name, "time_zone": time_zone}
    )
    return school


@transaction.atomic
def ensure_term(*, school: School, name: str, starts_on: dt.date, ends_on: dt.date) -> Term:
    if ends_on < starts_on:
        raise ValueError(f"Term {name!r} ends ({ends_on}) before it starts ({starts_on}).")
    term, _ = Term.objects.update_or_create(
        school=school, name=name, defaults={"starts_on": starts_on, "ends_on": ends_on}
    )
    return term


@transaction.atomic
def ensure_user(
    *,
    username: str,
    role: str,
    first_name: str,
    last_name: str,
    school: School | None,
    password: str | None = None,
    password_hash: str | None = None,
    email: str = "",
) -> User:
    """Create the user or bring an existing one up to date; the password is set only once.

    `password_hash` (from make_password) lets a bulk seed hash one password once.
    """
    if role not in Role.values:
        raise ValueError(f"Unknown role {role!r}; expected one of {', '.join(Role.values)}.")
    if not User.objects.filter(username=username).exists():
        refuse_confusable_username(username)
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "first_name": first_name,
            "last_name": last_name,
            "school": school,
            "email": email,
            "is_staff": role == Role.SCHOOL_ADMIN,
        },
    )
    if created:
        if password_hash:
            user.password = password_hash
        elif password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def ensure_classroom(
    *,
    school: School,
    term: Term,
    name: str,
    subject: str = "",
    grade_level: str = "",
    teachers: list[User],
) -> Classroom:
    for teacher in teachers:
        if teacher.role != Role.TEACHER:
            raise ValueError(f"{teacher.username} is not a teacher.")
    classroom, _ = Classroom.objects.update_or_create(
        term=term,
        name=name,
        defaults={"school": school, "subject": subject, "grade_level": grade_level},
    )
    classroom.teachers.add(*teachers)
    return classroom


@transaction.atomic
def enroll_student(*, classroom: Classroom, student: User) -> Enrollment:
    if student.role != Role.STUDENT:
        raise ValueError(f"{student.username} is not a student.")
    enrollment, _ = Enrollment.objects.get_or_create(classroom=classroom, student=student)
    return enrollment


@transaction.atomic
def link_guardian(*, guardian: User, student: User, relationship: str = "") -> GuardianLink:
    if guardian.role != Role.GUARDIAN:
        raise ValueError(f"{guardian.username} is not a guardian.")
    if student.role != Role.STUDENT:
        raise ValueError(f"{student.username} is not a student.")
    link, _ = GuardianLink.objects.update_or_create(
        guardian=guardian, student=student, defaults={"relationship": relationship}
    )
    return link


OFFICE_ROLES = (Role.TEACHER, Role.STUDENT, Role.GUARDIAN)


class OfficeError(ServiceError):
    """A write the office may not make; `field` names the form field at fault."""


@transaction.atomic
def add_person(
    *,
    school: School,
    role: str,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    password: str = "",
) -> User:
    """A teacher, student or guardian of the school. Without a password the person
    sets one through the password reset; a guardian is registered to the school."""
    if role not in OFFICE_ROLES:
        raise OfficeError("role", gettext("Choose teacher, student or guardian."))
    username = username.strip()
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as error:
        raise OfficeError("username", " ".join(error.messages)) from None
    if User.objects.filter(username__iexact=username).exists():
        raise OfficeError("username", gettext("That username is taken; choose another."))
    person = User(
        username=username,
        role=role,
        school=school,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
    )
    if password:
        try:
            validate_password(password, person)
        except ValidationError as error:
            raise OfficeError("password", " ".join(error.messages)) from None
        person.set_password(password)
    else:
        person.set_unusable_password()
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:  # the same username raced in
        raise OfficeError("username", gettext("That username is taken; choose another.")) from None
    return person


@transaction.atomic
def add_classroom(
    *,
    school: School,
    term: Term,
    name: str,
    teachers: Sequence[User],
    subject: str = "",
    grade_level: str = "",
) -> Classroom:
    if term.school_id != school.pk:
        raise OfficeError("term", gettext("Choose a term of your school."))
    for teacher in teachers:
        if teacher.role != Role.TEACHER or teacher.school_id != school.pk:
            raise OfficeError(
                "teachers",
                gettext("%(name)s is not a teacher of your school.") % {"name": teacher.name},
            )
    name = name.strip()
    if Classroom.objects.filter(term=term, name__iexact=name).exists():
        raise OfficeError(
            "name",
            gettext("%(term)s already has a class named %(name)s.")
            % {"term": term.name, "name": name},
        )
    classroom = Classroom.objects.create(
        school=school, term=term, name=name, subject=subject.strip(), grade_level=grade_level
    )
    classroom.teachers.add(*teachers)
    return classroom


@transaction.atomic
def enrol_students(*, classroom: Classroom, students: Sequence[User]) -> int:
    """Enrol the students in the class (those enrolled already stay); returns how many
    were new."""
    for student in students:
        if student.role != Role.STUDENT or student.school_id != classroom.school_id:
            raise OfficeError(
                "students",
                gettext("%(name)s is not a student of this school.") % {"name": student.name},
            )
    enrolled = set(classroom.enrollments.values_list("student_id", flat=True))
    new = [Enrollment(classroom=classroom, student=s) for s in students if s.pk not in enrolled]
    Enrollment.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def link_guardian_in_school(
    *, school: School, guardian: User, student: User, relationship: str = ""
) -> GuardianLink:
    """Let a guardian see a student of the school. The guardian is one the school
    registered or already links to one of its students (`guardians_for_school`)."""
    if student.role != Role.STUDENT or student.school_id != school.pk:
        raise OfficeError("student", gettext("Choose a student of your school."))
    if not guardians_for_school(school.pk).filter(pk=guardian.pk).exists():
        raise OfficeError("guardian", gettext("Choose a guardian your school has registered."))
    link, _ = GuardianLink.objects.update_or_create(
        guardian=guardian, student=student, defaults={"relationship": relationship.strip()}
    )
    return link


@transaction.atomic
def unlink_guardian(*, school: School, link: GuardianLink) -> None:
    if link.student.school_id != school.pk:
        raise OfficeError("link", gettext("This link is not one of your school's."))
    link.delete()


def _checked_term_name(
    *, school: School, name: str, starts_on: dt.date, ends_on: dt.date, term_id: int | None
) -> str:
    name = name.strip()
    if not name:
        raise OfficeError("name", gettext("Give the term a name, e.g. 2026–27 or Spring 2027."))
    if ends_on < starts_on:
        raise OfficeError("ends_on", gettext("The last day must be on or after the first day."))
    if Term.objects.filter(school=school, name__iexact=name).exclude(pk=term_id).exists():
        raise OfficeError(
            "name", gettext("Your school already has a term named %(name)s.") % {"name": name}
        )
    return name


def _save_term(term: Term, update_fields: list[str] | None = None) -> Term:
    try:
        with transaction.atomic():
            term.save(update_fields=update_fields)
    except IntegrityError:  # the same name raced in
        raise OfficeError(
            "name", gettext("Your school already has a term named %(name)s.") % {"name": term.name}
        ) from None
    return term


@transaction.atomic
def add_term(*, school: School, name: str, starts_on: dt.date, ends_on: dt.date) -> Term:
    """A new term of the school: the dates its classes run between."""
    name = _checked_term_name(
        school=school, name=name, starts_on=starts_on, ends_on=ends_on, term_id=None
    )
    return _save_term(Term(school=school, name=name, starts_on=starts_on, ends_on=ends_on))


@transaction.atomic
def update_term(
    *, school: School, term: Term, name: str, starts_on: dt.date, ends_on: dt.date
) -> Term:
    """Rename a term of the school or move its dates."""
    if term.school_id != school.pk:
        raise OfficeError("term", gettext("This term is not one of your school's."))
    term.name = _checked_term_name(
        school=school, name=name, starts_on=starts_on, ends_on=ends_on, term_id=term.pk
    )
    term.starts_on, term.ends_on = starts_on, ends_on
    return _save_term(term, update_fields=["name", "starts_on", "ends_on"])


@transaction.atomic
def set_person_active(*, school: School, actor: User, person: User, active: bool) -> User:
    """Deactivate a teacher, student or guardian of the school (they can no longer sign
    in; nothing of theirs is deleted), or reactivate them. Audited as a RosterChange."""
    # A guardian only linked to a student here may follow children elsewhere too: only
    # the school that registered them deactivates them.
    if person.role not in OFFICE_ROLES or person.school_id != school.pk:
        raise OfficeError("person", gettext("This person is not one of your school's."), status=404)
    if person.is_active != active:
        person.is_active = active
        person.save(update_fields=["is_active"])
        action = RosterChange.Action.REACTIVATED if active else RosterChange.Action.DEACTIVATED
        RosterChange.objects.create(actor=actor, person=person, action=action)
    return person


@transaction.atomic
def set_class_frameworks(
    *, school: School, classroom: Classroom, frameworks: Sequence[Framework]
) -> None:
    """The standards frameworks a class of the school follows (its heatmap, gradebook and
    suggestions read them). Leaving a framework deletes no evidence."""
    if classroom.school_id != school.pk:
        raise OfficeError(
            "classroom", gettext("This class is not one of your school's."), status=404
        )
    classroom.frameworks.set(list(frameworks))


def set_class_teachers(
    *, school: School, actor: User, classroom: Classroom, teachers: Sequence[User]
) -> None:
    """Who teaches a class of the school: teachers of the school only; each one added or
    taken off is audited. Taking a teacher off a class deletes nothing."""
    if classroom.school_id != school.pk:
        raise OfficeError(
            "classroom", gettext("This class is not one of your school's."), status=404
        )
    for teacher in teachers:
        if teacher.role != Role.TEACHER or teacher.school_id != school.pk:
            raise OfficeError(
                "teachers",
                gettext("%(name)s is not a teacher of your school.") % {"name": teacher.name},
            )
    before = set(classroom.teachers.values_list("pk", flat=True))
    after = {teacher.pk for teacher in teachers}
    classroom.teachers.set(list(teachers))
    changes = [(pk, RosterChange.Action.TEACHER_ADDED) for pk in sorted(after - before)]
    changes += [(pk, RosterChange.Action.TEACHER_REMOVED) for pk in sorted(before - after)]
    RosterChange.objects.bulk_create(
        RosterChange(actor=actor, person_id=pk, action=action, classroom=classroom)
        for pk, action in changes
    )


# Whom the office may hand a sign-in link: its own teachers and students. A guardian
# registered here may follow children elsewhere, and signs in with e-mail or a password.
SIGN_IN_LINK_ROLES = (Role.TEACHER, Role.STUDENT)


@dataclass(frozen=True)
class SignInLink:
    """A one-time sign-in link, shown once to the office; never stored."""

    person: User
    url: str
    expires_at: dt.datetime


@transaction.atomic
def make_sign_in_link(*, school: School, actor: User, person: User) -> SignInLink:
    """A link with which a teacher or student of the school chooses their own password
    (schools/sign_in_links.py): for someone with no password and no e-mail, such as a
    person a roster import made. The existing password, if any, is neither shown nor
    changed; the link stops working once used, on the person's next sign-in, when a newer
    link is made, or after SIGN_IN_LINK_HOURS. Audited as a password reset."""
    if person.role not in SIGN_IN_LINK_ROLES or person.school_id != school.pk:
        raise OfficeError("person", gettext("This person is not one of your school's."), status=404)
    if not person.is_active:
        raise OfficeError("person", gettext("This account is deactivated: reactivate it first."))
    # The audit row first: the token is made from it, so that this link replaces any older one.
    RosterChange.objects.create(
        actor=actor,
        person=person,
        action=RosterChange.Action.PASSWORD_RESET,
        detail=sign_in_links.SIGN_IN_LINK_DETAIL,
    )
    url = site_address().origin + sign_in_links.sign_in_link_path(person)
    return SignInLink(
        person=person, url=url, expires_at=timezone.now() + sign_in_links.link_lifetime()
    )
