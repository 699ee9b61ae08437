"""Who may see which class. Views fetch classes only through these functions."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.models import Role, User
from learnloop.schools.models import Classroom


def can_manage_classroom(viewer: User | AnonymousUser, classroom: Classroom) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.role == Role.TEACHER:
        return classroom.teachers.filter(pk=viewer.pk).exists()
    if viewer.role == Role.SCHOOL_ADMIN:
        return viewer.school_id is not None and viewer.school_id == classroom.school_id
    return False


def access_classroom(viewer: User | AnonymousUser, classroom_id: int) -> Classroom:
    """The class with this id, if `viewer` teaches it or administers its school."""
    classroom = Classroom.objects.select_related("school", "term").filter(pk=classroom_id).first()
    if classroom is None:
        raise Http404("No such class.")
    if not can_manage_classroom(viewer, classroom):
        raise PermissionDenied("You cannot see this class.")
    return classroom
