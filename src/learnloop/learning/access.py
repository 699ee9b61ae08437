"""What a student may open on their learning pages. Views fetch objects only through these.

`activity_verdict` (the answer wing's, `learning.answering.access`) is the one rule for
"may this student open, and answer in, this activity": the practice page (through
`access_activity_for_student`) and the answer service both ask it, so they cannot
disagree.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import require_role
from learnloop.accounts.models import Role, User
from learnloop.content.models import Activity
from learnloop.learning.answering import queries
from learnloop.learning.answering.access import activity_verdict
from learnloop.learning.answering.queries import ActivityRow
from learnloop.learning.models import PracticeSession
from learnloop.standards.models import Standard


def require_student(viewer: User | AnonymousUser) -> User:
    return require_role(viewer, Role.STUDENT)


def _check_activity(viewer: User | AnonymousUser, activity_id: int) -> None:
    student = require_student(viewer)
    verdict = activity_verdict(student, activity_id)
    if verdict.status == 404:
        raise Http404("No such activity.")
    if verdict.status == 403:
        raise PermissionDenied("This activity is not part of your classes.")


def access_activity_for_student(viewer: User | AnonymousUser, activity_id: int) -> Activity:
    """An activity the student may open (`activity_verdict`), as the model: the pages
    that show it whole (its detail page, the offline pack, the help request)."""
    _check_activity(viewer, activity_id)
    activity: Activity | None = Activity.objects.filter(pk=activity_id).first()
    if activity is None:  # deleted since the check
        raise Http404("No such activity.")
    return activity


def access_practice_activity(viewer: User | AnonymousUser, activity_id: int) -> ActivityRow:
    """An activity the student may practice and answer in (`activity_verdict`), as the
    practice page and its answer use it: one literal statement (it runs on each answer)."""
    _check_activity(viewer, activity_id)
    activity = queries.activity(activity_id)
    if activity is None:  # deleted since the check
        raise Http404("No such activity.")
    return activity


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
