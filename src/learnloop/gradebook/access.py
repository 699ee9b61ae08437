"""Who may open which gradebook page. Views fetch objects only through these functions.

Reading a student's levels: the student, their guardians, their teachers and their
school's admin (accounts.access.can_see_student). Writing (observations, overrides):
only a teacher who teaches the student. A missing object is a 404, one the viewer may
not see a 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import access_student, require_role
from learnloop.accounts.models import Role, User
from learnloop.standards.models import Standard


def access_student_for_grading(viewer: User | AnonymousUser, student_id: int) -> User:
    """A student whom `viewer` teaches: the only people who record grading decisions."""
    require_role(viewer, Role.TEACHER)
    return access_student(viewer, student_id)


def may_grade(viewer: User | AnonymousUser) -> bool:
    """Whether to offer grading actions beside a student the viewer may already see: the
    role part of `access_student_for_grading` (the office reads levels, never sets them)."""
    return viewer.is_authenticated and viewer.role == Role.TEACHER


def access_student_for_detail(viewer: User | AnonymousUser, student_id: int) -> User:
    """A student's evidence and override history: their teachers and the school admin."""
    require_role(viewer, Role.TEACHER, Role.SCHOOL_ADMIN)
    return access_student(viewer, student_id)


def access_standard_of_student(student: User, standard_id: int) -> Standard:
    """A standard of a framework one of the student's classes follows."""
    standard = Standard.objects.select_related("framework").filter(pk=standard_id).first()
    if standard is None:
        raise Http404("No such standard.")
    if not standard.framework.classrooms.filter(enrollments__student=student).exists():
        raise PermissionDenied("This standard is not part of the student's classes.")
    return standard
