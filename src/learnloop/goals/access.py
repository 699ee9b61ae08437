"""Who may open which goal, reflection, rating and help request. Views fetch them only here.

Goals: the student writes their own; whoever may see the student reads them (their
teachers, guardians and school admin). Reflections: only the student and a teacher who
teaches them (private to the class). Co-signing and marking help given: a teacher of
the student whose classes the record belongs to (goals.scope). A missing object is a
404, one the viewer may not touch a 403.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import access_student, can_see_student, require_role
from learnloop.accounts.models import Role, User
from learnloop.goals.models import Goal, HelpRequest
from learnloop.goals.scope import visible_to_teacher
from learnloop.learning.access import require_student
from learnloop.privacy.rules import Record, may_read, reader_of

Row = TypeVar("Row", Goal, HelpRequest)


def require_teacher(viewer: User | AnonymousUser) -> User:
    return require_role(viewer, Role.TEACHER)


def teaches(viewer: User | AnonymousUser, student: User) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.role != Role.TEACHER:
        return False
    return can_see_student(viewer, student)


def can_read_reflections(viewer: User | AnonymousUser, student: User) -> bool:
    """The student and their teachers; never family or the school office (privacy.rules)."""
    return may_read(reader_of(viewer, student), Record.REFLECTION)


def access_own_goal(viewer: User | AnonymousUser, goal_id: int) -> Goal:
    """One of the signed-in student's own goals, to change or reflect on."""
    student = require_student(viewer)
    goal = Goal.objects.filter(pk=goal_id).first()
    if goal is None:
        raise Http404("No such goal.")
    if goal.student_id != student.pk:
        raise PermissionDenied("This is not your goal.")
    return goal


def _for_their_teacher(viewer: User | AnonymousUser, found: Row | None, what: str) -> Row:
    """`found` (a row with a student) if the viewer teaches that student."""
    require_teacher(viewer)
    if found is None:
        raise Http404(f"No such {what}.")
    if not teaches(viewer, found.student):
        raise PermissionDenied(f"Only the student's teacher can act on this {what}.")
    if not visible_to_teacher(found, viewer):
        raise PermissionDenied(f"This {what} belongs to another of the student's classes.")
    return found


def access_goal_to_cosign(viewer: User | AnonymousUser, goal_id: int) -> Goal:
    """A goal of a student the teacher teaches."""
    goal = Goal.objects.select_related("student").filter(pk=goal_id).first()
    return _for_their_teacher(viewer, goal, "goal")


def access_student_goals(viewer: User | AnonymousUser, student_id: int) -> User:
    """A student whose goals the viewer may read (self, teacher, guardian, school admin)."""
    return access_student(viewer, student_id)


def access_help_request_to_resolve(viewer: User | AnonymousUser, request_id: int) -> HelpRequest:
    """An open or answered help request of a student the teacher teaches."""
    help_request = HelpRequest.objects.select_related("student").filter(pk=request_id).first()
    return _for_their_teacher(viewer, help_request, "help request")
