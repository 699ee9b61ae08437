"""Quick class sign-in on a shared computer: pick the class, pick your name, three pictures.

For young students on a classroom computer, where typing a password is the hard part.
The teacher turns it on for one class and prints each student's picture code (three of
nine pictures, in order: 729 codes). A code is short, so it is never the only guard:
it works only for a class whose teacher turned it on, only for a student enrolled there,
and every wrong try counts towards django-axes' pause like a wrong password (same
username and address: five wrong, fifteen minutes). docs/security.md weighs it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from learnloop.accounts.models import Role, User
from learnloop.schools.models import Classroom, Enrollment, PictureCode, QuickSignIn

CODE_LENGTH = 3

# A device where a class's picture sign-in was opened remembers the class (a cookie, which
# sign-out's Clear-Site-Data leaves): a teacher of that class who signs in there is offered
# to keep the class's practice on it (docs/learning.md, "A class pack on a shared device").
QUICK_DEVICE_COOKIE = "learnloop_quick_class"
QUICK_DEVICE_MAX_AGE = 365 * 24 * 3600


def quick_device_classroom_id(request: HttpRequest) -> int | None:
    """The class whose picture sign-in this device last showed, or None."""
    raw = request.COOKIES.get(QUICK_DEVICE_COOKIE, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None


@dataclass(frozen=True)
class Picture:
    number: int
    name: str
    color: str
    path: str  # SVG path in a 40 x 40 box


PICTURES = (
    Picture(1, "Yellow sun", "#a16207", "M20 4 A16 16 0 1 1 19.99 4 Z"),
    Picture(2, "Blue square", "#1d4ed8", "M5 5 H35 V35 H5 Z"),
    Picture(3, "Green triangle", "#15803d", "M20 4 L36 34 H4 Z"),
    Picture(
        4,
        "Orange star",
        "#c2410c",
        "M20 3 L24.7 14.5 L37 15.3 L27.5 23.2 L30.5 35.3 L20 28.6 L9.5 35.3 L12.5 23.2 "
        "L3 15.3 L15.3 14.5 Z",
    ),
    Picture(
        5,
        "Red heart",
        "#b91c1c",
        "M20 35 C4 24 2 14 8 8 C13 3 19 6 20 11 C21 6 27 3 32 8 C38 14 36 24 20 35 Z",
    ),
    Picture(6, "Purple moon", "#7e22ce", "M26 4 A16 16 0 1 0 36 28 A13 13 0 1 1 26 4 Z"),
    Picture(7, "Pink diamond", "#be185d", "M20 3 L36 20 L20 37 L4 20 Z"),
    Picture(8, "Teal cross", "#0f766e", "M15 4 H25 V15 H36 V25 H25 V36 H15 V25 H4 V15 H15 Z"),
    Picture(9, "Brown hexagon", "#78350f", "M12 5 H28 L36 20 L28 35 H12 L4 20 Z"),
)
BY_NUMBER = {picture.number: picture for picture in PICTURES}


def new_code() -> str:
    return "-".join(str(secrets.choice(PICTURES).number) for _ in range(CODE_LENGTH))


def pictures_of(code: str) -> list[Picture]:
    return [BY_NUMBER[int(part)] for part in code.split("-")]


def is_enabled(classroom: Classroom) -> bool:
    return QuickSignIn.objects.filter(classroom=classroom, enabled=True).exists()


@transaction.atomic
def set_quick_sign_in(*, classroom: Classroom, enabled: bool) -> QuickSignIn:
    """Turn quick sign-in on or off for a class; on, every student gets a code if missing."""
    setting, _ = QuickSignIn.objects.update_or_create(
        classroom=classroom, defaults={"enabled": enabled}
    )
    if enabled:
        missing = Enrollment.objects.filter(classroom=classroom, picture_code__isnull=True)
        PictureCode.objects.bulk_create(
            PictureCode(enrollment=enrollment, pictures=new_code()) for enrollment in missing
        )
    return setting


@transaction.atomic
def renew_picture_codes(*, classroom: Classroom) -> int:
    """New codes for every student of the class (after a printout went astray)."""
    PictureCode.objects.filter(enrollment__classroom=classroom).delete()
    enrollments = list(Enrollment.objects.filter(classroom=classroom))
    PictureCode.objects.bulk_create(
        PictureCode(enrollment=enrollment, pictures=new_code()) for enrollment in enrollments
    )
    return len(enrollments)


class PictureCodeBackend:
    """Django authentication backend for `authenticate(request, username=...,
    classroom_id=..., pictures="3-7-1")`; axes' backend, listed first, counts failures."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        classroom_id: int | None = None,
        pictures: str | None = None,
        **other: Any,
    ) -> User | None:
        if username is None or classroom_id is None or pictures is None:
            return None
        code = (
            PictureCode.objects.select_related("enrollment__student")
            .filter(
                enrollment__classroom_id=classroom_id,
                enrollment__classroom__quick_sign_in__enabled=True,
                enrollment__student__username=username,
                enrollment__student__role=Role.STUDENT,
                enrollment__student__is_active=True,
            )
            .first()
        )
        if code is None or not secrets.compare_digest(code.pictures, pictures):
            return None
        return code.enrollment.student

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()
