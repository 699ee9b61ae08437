"""What a student may open on their learning pages. Views fetch objects only through these."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from learnloop.accounts.access import require_role
from learnloop.accounts.models import Role, User
from learnloop.content.models import Activity, Status
from learnloop.learning.catalog import framework_ids_for_student
from learnloop.learning.models import PracticeSession
from learnloop.learning.plain_sql import linked
from learnloop.standards.models import Standard


def require_student(viewer: User | AnonymousUser) -> User:
    return require_role(viewer, Role.STUDENT)


def access_activity_for_student(viewer: User | AnonymousUser, activity_id: int) -> Activity:
    """A published activity of the student's school or the shared library, on their standards."""
    student = require_student(viewer)
    found = list(
        Activity.objects.filter(pk=activity_id, status=Status.PUBLISHED)
        .filter(Q(school__isnull=True) | Q(school_id=student.school_id))
        .order_by()[:1]
    )
    if not found:
        raise Http404("No such activity.")
    standards = linked(
        Activity.standards.through, "activity", "standard", ("framework",), found[0].pk
    )
    frameworks = {framework_id for (framework_id,) in standards}
    if not frameworks.intersection(framework_ids_for_student(student)):
        raise PermissionDenied("This activity is not part of your classes.")
    return found[0]


def access_standard_for_student(viewer: User | AnonymousUser, standard_id: int) -> Standard:
    student = require_student(viewer)
    standard = Standard.objects.select_related("framework", "parent").filter(pk=standard_id).first()
    if standard is None:
        raise Http404("No such standard.")
    if not standard.framework.classrooms.filter(enrollments__student=student).exists():
        raise PermissionDenied("This standard is not part of your classes.")
    return standard


def access_practice_session(viewer: User | AnonymousUser, session_id: int) -> PracticeSession:
    student = require_student(viewer)
    session = PracticeSession.objects.select_related("activity").filter(pk=session_id).first()
    if session is None:
        raise Http404("No such practice session.")
    if session.student_id != student.pk:
        raise PermissionDenied("This is not your practice session.")
    return session
