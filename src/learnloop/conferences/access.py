"""Who may open which conference, note and action. Views fetch them only through these.

Reading a conference: whoever may see the student (the student, their guardians, their
teachers, their school's admin). Running one (notes, actions, status): a teacher who
teaches the student. Private notes: only such a teacher, never the student, a guardian
or an admin (the table in privacy.rules). A missing object is a 404, one the viewer may
not see a 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import access_student, can_see_student, require_role
from learnloop.accounts.models import Role, User
from learnloop.conferences.models import AgreedAction, Conference, Owner
from learnloop.privacy.rules import Record, may_read, reader_of


def access_conference(viewer: User | AnonymousUser, conference_id: int) -> Conference:
    conference = (
        Conference.objects.select_related("student", "teacher").filter(pk=conference_id).first()
    )
    if conference is None:
        raise Http404("No such conference.")
    if not can_see_student(viewer, conference.student):
        raise PermissionDenied("You cannot see this conference.")
    return conference


def access_conference_to_run(viewer: User | AnonymousUser, conference_id: int) -> Conference:
    """A conference with a student the viewer teaches: they may write notes and actions."""
    require_role(viewer, Role.TEACHER)
    return access_conference(viewer, conference_id)


def may_confer(viewer: User | AnonymousUser) -> bool:
    """Whether to offer "Plan a conference" beside a student the viewer may already see:
    the role part of `access_student_to_confer` (the office sees, but does not plan)."""
    return viewer.is_authenticated and viewer.role == Role.TEACHER


def access_student_to_confer(viewer: User | AnonymousUser, student_id: int) -> User:
    """A student the viewer teaches, to plan a conference with."""
    require_role(viewer, Role.TEACHER)
    return access_student(viewer, student_id)


def can_read_private_notes(viewer: User | AnonymousUser, conference: Conference) -> bool:
    """A teacher of the student (privacy.rules: private notes)."""
    return may_read(reader_of(viewer, conference.student), Record.PRIVATE_NOTE)


def access_action_to_complete(viewer: User | AnonymousUser, action_id: int) -> AgreedAction:
    """A student completes their own actions; a teacher of the student completes theirs."""
    require_role(viewer, Role.STUDENT, Role.TEACHER)
    action = AgreedAction.objects.select_related("conference__student").filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action.")
    if action.owner == Owner.STUDENT and viewer.pk != action.conference.student_id:
        raise PermissionDenied("Only the student marks their own actions done.")
    if action.owner == Owner.TEACHER and not can_read_private_notes(viewer, action.conference):
        raise PermissionDenied("Only the student's teacher marks this action done.")
    return action
