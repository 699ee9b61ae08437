"""A class's people, managed by its teacher or the school office: add students (one, an
existing one, or a pasted list), reset a password or picture code, move a student to
another class, remove one from a class.

Every function takes the `actor` and checks, here and not in a form, that the actor
manages the class (its teacher, or the admin of its school) and that the student is
one of the class's. Removing or moving never deletes an account or any work: work
points at the student, not at the enrolment. Each change writes a `RosterChange`.
New passwords are returned once, for the page to show; only their hash is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from learnloop.accounts.credentials import new_password, suggest_username
from learnloop.accounts.models import Role, User
from learnloop.accounts.names import clean_name
from learnloop.accounts.usernames import confusable_username, username_skeleton
from learnloop.schools.access import can_manage_classroom
from learnloop.schools.models import Classroom, Enrollment, PictureCode, RosterChange
from learnloop.schools.quick_sign_in import new_code
from learnloop.schools.services import OfficeError

MAX_PASTED = 200
MAX_NAME = 150


@dataclass(frozen=True)
class NewAccount:
    """A student just created or given a new password: the password is shown once."""

    student: User
    password: str


@dataclass(frozen=True)
class PastedName:
    line: int
    first_name: str
    last_name: str


def _require_manager(actor: User, classroom: Classroom) -> None:
    if not can_manage_classroom(actor, classroom):
        raise PermissionDenied("You do not manage this class.")


def _require_enrolled(classroom: Classroom, student: User) -> Enrollment:
    enrollment = Enrollment.objects.filter(classroom=classroom, student=student).first()
    if enrollment is None or student.role != Role.STUDENT:
        raise OfficeError(
            "student",
            gettext("%(student)s is not in %(classroom)s.")
            % {"student": student.name, "classroom": classroom.name},
            status=404,
        )
    return enrollment


def _record(
    actor: User, person: User, action: str, classroom: Classroom | None, detail: str = ""
) -> None:
    RosterChange.objects.create(
        actor=actor, person=person, action=action, classroom=classroom, detail=detail[:200]
    )


def _create_student(
    *, classroom: Classroom, first_name: str, last_name: str, username: str, taken: set[str]
) -> NewAccount:
    password = new_password()
    student = User(
        username=username,
        role=Role.STUDENT,
        school_id=classroom.school_id,
        first_name=first_name,
        last_name=last_name,
    )
    validate_password(password, student)  # a generated one always passes; a check, not a hope
    student.set_password(password)
    try:
        with transaction.atomic():
            student.save()
    except IntegrityError:  # the same username raced in
        raise OfficeError(
            "username",
            gettext("The username %(username)s was just taken.") % {"username": username},
        ) from None
    taken.add(username_skeleton(username))
    return NewAccount(student=student, password=password)


@transaction.atomic
def add_new_student(
    *, actor: User, classroom: Classroom, first_name: str, last_name: str, username: str = ""
) -> NewAccount:
    """A new student account of the class's school, enrolled in the class."""
    _require_manager(actor, classroom)
    first_name, last_name, username = (
        clean_name(first_name),
        clean_name(last_name),
        username.strip(),
    )
    if not first_name:
        raise OfficeError("first_name", gettext("Give the student's first name."))
    if username:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError as error:
            raise OfficeError("username", " ".join(error.messages)) from None
        if User.objects.filter(username__iexact=username).exists():
            raise OfficeError("username", gettext("That username is taken; choose another."))
        if confusable_username(username) is not None:
            raise OfficeError(
                "username",
                gettext("This username looks the same as an existing one: choose another."),
            )
    else:
        username = suggest_username(first_name, last_name)
    account = _create_student(
        classroom=classroom,
        first_name=first_name,
        last_name=last_name,
        username=username,
        taken=set(),
    )
    Enrollment.objects.create(classroom=classroom, student=account.student)
    _record(actor, account.student, RosterChange.Action.CREATED, classroom)
    return account


@transaction.atomic
def add_existing_student(*, actor: User, classroom: Classroom, username: str) -> User:
    """Enrol a student of the same school, found by username."""
    _require_manager(actor, classroom)
    student = User.objects.filter(
        username__iexact=username.strip(), role=Role.STUDENT, school_id=classroom.school_id
    ).first()
    if student is None:  # the same answer for another school's student: nothing leaks
        raise OfficeError("username", gettext("No student of your school has that username."))
    _, created = Enrollment.objects.get_or_create(classroom=classroom, student=student)
    if not created:
        raise OfficeError(
            "username",
            gettext("%(student)s is already in %(classroom)s.")
            % {"student": student.name, "classroom": classroom.name},
        )
    _record(actor, student, RosterChange.Action.ENROLLED, classroom)
    return student


def parse_names(text: str) -> list[PastedName]:
    """One student a line: "First Last" (the last word is the last name) or "Last, First".
    Blank lines are skipped. Raises OfficeError on `names` naming the line at fault."""
    names: list[PastedName] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = clean_name(raw)
        if not line:
            continue
        if line.count(",") > 1:
            raise OfficeError(
                "names",
                gettext("Line %(number)d: one comma at most (Last, First).") % {"number": number},
            )
        if "," in line:
            last, first = (part.strip() for part in line.split(","))
        else:
            first, _, last = line.rpartition(" ")
            if not first:
                first, last = last, ""
        if not first:
            raise OfficeError(
                "names", gettext("Line %(number)d: give a first name.") % {"number": number}
            )
        if len(first) > MAX_NAME or len(last) > MAX_NAME:
            raise OfficeError(
                "names",
                gettext("Line %(number)d: a name is longer than %(most)d letters.")
                % {"number": number, "most": MAX_NAME},
            )
        names.append(PastedName(line=number, first_name=first, last_name=last))
    if not names:
        raise OfficeError("names", gettext("Paste at least one name, one a line."))
    if len(names) > MAX_PASTED:
        raise OfficeError(
            "names",
            gettext("At most %(most)d names at once; paste the rest next.") % {"most": MAX_PASTED},
        )
    return names


def preview_names(names: Sequence[PastedName]) -> list[tuple[PastedName, str]]:
    """Each pasted name with the username it would get now (final at confirming)."""
    taken: set[str] = set()
    preview = []
    for name in names:
        username = suggest_username(name.first_name, name.last_name, taken=taken)
        taken.add(username_skeleton(username))
        preview.append((name, username))
    return preview


@transaction.atomic
def add_pasted_students(*, actor: User, classroom: Classroom, text: str) -> list[NewAccount]:
    """Every pasted name as a new student of the class, or none of them."""
    _require_manager(actor, classroom)
    taken: set[str] = set()
    accounts = []
    for name in parse_names(text):
        username = suggest_username(name.first_name, name.last_name, taken=taken)
        try:
            account = _create_student(
                classroom=classroom,
                first_name=name.first_name,
                last_name=name.last_name,
                username=username,
                taken=taken,
            )
        except OfficeError as error:
            raise OfficeError(
                "names",
                gettext("Line %(number)d: %(problem)s")
                % {"number": name.line, "problem": error.message},
            ) from None
        accounts.append(account)
    Enrollment.objects.bulk_create(
        Enrollment(classroom=classroom, student=account.student) for account in accounts
    )
    RosterChange.objects.bulk_create(
        RosterChange(
            actor=actor,
            person=account.student,
            action=RosterChange.Action.CREATED,
            classroom=classroom,
            detail="pasted list",
        )
        for account in accounts
    )
    return accounts


@transaction.atomic
def reset_password(*, actor: User, classroom: Classroom, student: User) -> NewAccount:
    """A new generated password for a student of the class, to be shown once."""
    _require_manager(actor, classroom)
    _require_enrolled(classroom, student)
    password = new_password()
    validate_password(password, student)
    student.set_password(password)
    student.save(update_fields=["password"])
    _record(actor, student, RosterChange.Action.PASSWORD_RESET, classroom)
    return NewAccount(student=student, password=password)


@transaction.atomic
def reset_picture_code(*, actor: User, classroom: Classroom, student: User) -> PictureCode:
    """A new picture code for one student of the class (their card went astray)."""
    _require_manager(actor, classroom)
    enrollment = _require_enrolled(classroom, student)
    code, _ = PictureCode.objects.update_or_create(
        enrollment=enrollment, defaults={"pictures": new_code()}
    )
    _record(actor, student, RosterChange.Action.PICTURE_CODE_RESET, classroom)
    return code


@transaction.atomic
def move_student(*, actor: User, classroom: Classroom, student: User, to: Classroom) -> Enrollment:
    """Move the student's enrolment to another class the actor manages, in the same school.
    Their work stays theirs; the picture code goes with them."""
    _require_manager(actor, classroom)
    enrollment = _require_enrolled(classroom, student)
    if to.pk == classroom.pk:
        raise OfficeError("to", gettext("Choose another class."))
    if to.school_id != classroom.school_id or not can_manage_classroom(actor, to):
        raise OfficeError("to", gettext("Choose one of your classes."))
    if Enrollment.objects.filter(classroom=to, student=student).exists():
        raise OfficeError(
            "to",
            gettext("%(student)s is already in %(classroom)s.")
            % {"student": student.name, "classroom": to.name},
        )
    enrollment.classroom = to
    enrollment.save(update_fields=["classroom"])
    _record(actor, student, RosterChange.Action.MOVED, to, detail=f"from {classroom.name}")
    return enrollment


@transaction.atomic
def remove_student(*, actor: User, classroom: Classroom, student: User) -> None:
    """Take the student out of the class; the account and all their work stay."""
    _require_manager(actor, classroom)
    enrollment = _require_enrolled(classroom, student)
    enrollment.delete()
    _record(actor, student, RosterChange.Action.REMOVED, classroom)
