"""Who may open which teaching page. Views fetch objects only through these functions.

Teachers see their own classes and those classes' students; a school admin sees every
class and student of their school. A student may only mark their own assignment done.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import require_role
from learnloop.accounts.models import Role, User
from learnloop.schools.access import access_classroom, can_manage_classroom
from learnloop.schools.models import Classroom, Enrollment
from learnloop.teaching.models import Assignment, Group, Recipient

__all__ = [
    "access_assignment",
    "access_classroom",
    "access_classroom_as_teacher",
    "access_group",
    "access_recipient",
    "access_student_profile",
]


def can_see_profile(viewer: User, student: User) -> bool:
    if viewer.role == Role.TEACHER:
        return Enrollment.objects.filter(student=student, classroom__teachers=viewer).exists()
    if viewer.role == Role.SCHOOL_ADMIN:
        return viewer.school_id is not None and viewer.school_id == student.school_id
    return False


def access_student_profile(viewer: User | AnonymousUser, student_id: int) -> User:
    """A student whose classes `viewer` teaches, or of the school `viewer` administers."""
    staff = require_role(viewer, Role.TEACHER, Role.SCHOOL_ADMIN)
    student = User.objects.filter(pk=student_id, role=Role.STUDENT).first()
    if student is None:
        raise Http404("No such student.")
    if not can_see_profile(staff, student):
        raise PermissionDenied("You cannot see this student.")
    return student


def access_classroom_as_teacher(viewer: User | AnonymousUser, classroom_id: int) -> Classroom:
    """A class `viewer` teaches (its class pack is the teacher's, for the room's devices;
    a school admin, who may see the class, is refused)."""
    teacher = require_role(viewer, Role.TEACHER)
    classroom = Classroom.objects.filter(pk=classroom_id).first()
    if classroom is None:
        raise Http404("No such class.")
    if not classroom.teachers.filter(pk=teacher.pk).exists():
        raise PermissionDenied("You do not teach this class.")
    return classroom


def access_group(viewer: User | AnonymousUser, group_id: int) -> Group:
    group = Group.objects.select_related("classroom__school").filter(pk=group_id).first()
    if group is None:
        raise Http404("No such group.")
    if not can_manage_classroom(viewer, group.classroom):
        raise PermissionDenied("You cannot see this group.")
    return group


def access_assignment(viewer: User | AnonymousUser, assignment_id: int) -> Assignment:
    assignment = (
        Assignment.objects.select_related("classroom__school", "activity", "group")
        .filter(pk=assignment_id)
        .first()
    )
    if assignment is None:
        raise Http404("No such assignment.")
    if not can_manage_classroom(viewer, assignment.classroom):
        raise PermissionDenied("You cannot see this assignment.")
    return assignment


def access_recipient(viewer: User | AnonymousUser, assignment_id: int) -> Recipient:
    """The signed-in student's own copy of an assignment."""
    student = require_role(viewer, Role.STUDENT)
    if not Assignment.objects.filter(pk=assignment_id).exists():
        raise Http404("No such assignment.")
    recipient = (
        Recipient.objects.select_related("assignment__activity")
        .filter(assignment_id=assignment_id, student=student)
        .first()
    )
    if recipient is None:
        raise PermissionDenied("This assignment is not yours.")
    return recipient
