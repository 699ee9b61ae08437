"""Who may take, assign and read placement checks; the one way views fetch them.

A student takes a check of a class they are enrolled in, meant for the whole class or
for them. The class's teachers and the school's admins assign checks and read the
class's starting map (`schools.access.access_classroom`).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import require_role
from learnloop.accounts.models import Role, User
from learnloop.placement.models import PlacementCheck
from learnloop.schools.access import access_classroom
from learnloop.schools.models import Enrollment

__all__ = ["access_check_for_student", "access_classroom", "may_take", "require_student"]


def require_student(viewer: User | AnonymousUser) -> User:
    return require_role(viewer, Role.STUDENT)


def may_take(student: User, check: PlacementCheck) -> bool:
    if check.student_id is not None and check.student_id != student.pk:
        return False
    return Enrollment.objects.filter(classroom_id=check.classroom_id, student=student).exists()


def access_check_for_student(viewer: User | AnonymousUser, check_id: int) -> PlacementCheck:
    """A placement check `viewer` (a student) was given."""
    student = require_student(viewer)
    check = PlacementCheck.objects.select_related("framework").filter(pk=check_id).first()
    if check is None:
        raise Http404("No such placement check.")
    if not may_take(student, check):
        raise PermissionDenied("This placement check is not yours.")
    return check
