"""Every write about schools, terms, classes and people: keyword-only, one transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.accounts.usernames import refuse_confusable_username
from learnloop.schools.models import Classroom, Enrollment, School, Term


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
