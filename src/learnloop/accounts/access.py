"""Who may see which person. Views fetch people only through these functions.

Each rule is one line so that tests cover every branch (the Zulip `access_*` habit).
A missing object is a 404; an existing one the user may not see is a 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.models import GuardianLink, Role, User
from learnloop.schools.models import Enrollment


def can_see_student(viewer: User | AnonymousUser, student: User) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.pk == student.pk:
        return True
    if viewer.role == Role.TEACHER:
        return Enrollment.objects.filter(student=student, classroom__teachers=viewer).exists()
    if viewer.role == Role.GUARDIAN:
        return GuardianLink.objects.filter(guardian=viewer, student=student).exists()
    if viewer.role == Role.SCHOOL_ADMIN:
        return viewer.school_id is not None and viewer.school_id == student.school_id
    return False


def access_student(viewer: User | AnonymousUser, student_id: int) -> User:
    """The student with this id, if `viewer` may see them."""
    student = User.objects.filter(pk=student_id, role=Role.STUDENT).first()
    if student is None:
        raise Http404("No such student.")
    if not can_see_student(viewer, student):
        raise PermissionDenied("You cannot see this student.")
    return student


def require_role(viewer: User | AnonymousUser, *roles: str) -> User:
    """The signed-in user if their role is one of `roles`."""
    if not viewer.is_authenticated:
        raise PermissionDenied("Sign in first.")
    assert isinstance(viewer, User)
    if viewer.role not in roles:
        raise PermissionDenied("This page is not for your role.")
    return viewer
