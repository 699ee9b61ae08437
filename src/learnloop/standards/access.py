"""Who may browse which framework. Views fetch frameworks and standards only through these.

Frameworks are public documents, but the pages are for signed-in school people:
teachers and school admins may browse every framework; a student may browse the
frameworks that one of their classes follows; guardians browse none (they see their
child's progress on their own pages).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.models import Role, User
from learnloop.schools.models import Classroom
from learnloop.standards.models import Framework, Standard

STAFF_ROLES = frozenset({Role.TEACHER, Role.SCHOOL_ADMIN})


def can_browse_standards(viewer: User | AnonymousUser) -> bool:
    """May this person open the standards pages at all?"""
    if not viewer.is_authenticated:
        return False
    return viewer.role in STAFF_ROLES or viewer.role == Role.STUDENT


def can_browse_framework(viewer: User | AnonymousUser, framework: Framework) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.role in STAFF_ROLES:
        return True
    if viewer.role == Role.STUDENT:
        return Classroom.objects.filter(frameworks=framework, enrollments__student=viewer).exists()
    return False


def require_standards_browser(viewer: User | AnonymousUser) -> None:
    if not can_browse_standards(viewer):
        raise PermissionDenied("Standards pages are for students, teachers and school admins.")


def access_framework(viewer: User | AnonymousUser, framework_id: int) -> Framework:
    """The framework with this id, if `viewer` may browse it."""
    framework = Framework.objects.filter(pk=framework_id).first()
    if framework is None:
        raise Http404("No such framework.")
    if not can_browse_framework(viewer, framework):
        raise PermissionDenied("You cannot browse this framework.")
    return framework


def access_standard(viewer: User | AnonymousUser, framework_id: int, standard_id: int) -> Standard:
    """A standard of that framework, if `viewer` may browse the framework."""
    framework = access_framework(viewer, framework_id)
    standard = (
        Standard.objects.filter(pk=standard_id, framework=framework)
        .select_related("framework")
        .first()
    )
    if standard is None:
        raise Http404("No such standard in this framework.")
    return standard
