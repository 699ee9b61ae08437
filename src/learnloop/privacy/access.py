"""Data rights are for school admins, and only for students of their own school.

A missing student is a 404; a student of another school, or any other role, a 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from learnloop.accounts.access import access_student, require_role
from learnloop.accounts.models import Role, User


def require_school_admin(viewer: User | AnonymousUser) -> User:
    return require_role(viewer, Role.SCHOOL_ADMIN)


def access_student_data(viewer: User | AnonymousUser, student_id: int) -> User:
    require_school_admin(viewer)
    return access_student(viewer, student_id)
