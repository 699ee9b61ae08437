"""Who may open a child's family page and a student's progress report.

The family page is for a guardian linked to the student (a teacher has richer pages).
The progress report is for anyone who may see the student: the student, their
guardians, their teachers and their school's admin; guardians get the family-shared
version (report.family_only).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from learnloop.accounts.access import access_student, require_role
from learnloop.accounts.models import Role, User


def access_child(viewer: User | AnonymousUser, student_id: int) -> User:
    require_role(viewer, Role.GUARDIAN)
    return access_student(viewer, student_id)


def access_report_student(viewer: User | AnonymousUser, student_id: int) -> User:
    return access_student(viewer, student_id)


def access_guardian(viewer: User | AnonymousUser) -> User:
    """A guardian choosing their own digest emails."""
    return require_role(viewer, Role.GUARDIAN)
