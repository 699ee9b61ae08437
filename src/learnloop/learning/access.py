"""What a student may open on their learning pages. Views fetch objects only through these.

`activity_verdict` is the one rule for "may this student open, and answer in, this
activity": the practice page (through `access_activity_for_student`) and the JSON
answer endpoint (through `services.record_response`) both ask it, so they cannot
disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import require_role
from learnloop.accounts.models import Role, User
from learnloop.content.models import Activity, Status
from learnloop.learning.catalog import framework_ids_for_student
from learnloop.learning.models import PracticeSession
from learnloop.learning.plain_sql import column, fetch, per_vendor, table
from learnloop.standards.models import Standard

# Other apps say whether an activity was assigned to a student (teaching registers one in
# its AppConfig.ready()); learning never imports them. Asked only when the frameworks
# rule says no, so the answer path pays nothing for them.
AssignedCheck = Callable[[User, int], bool]
ASSIGNED_CHECKS: list[AssignedCheck] = []


@dataclass(frozen=True)
class Verdict:
    status: int  # 200 may; 404 no such published activity for this student; 403 not theirs
    message: str = ""


ALLOWED = Verdict(200)


def require_student(viewer: User | AnonymousUser) -> User:
    return require_role(viewer, Role.STUDENT)


def activity_verdict(student: User, activity_id: int) -> Verdict:
    """May the student open and answer in this activity?

    Published; shared (no school) or of the student's school; and open to them (aligned
    to a framework their classes follow) or assigned to them. One plain-SQL read
    (`plain_sql`: it runs on every answer); a yes is kept on the User instance for the
    request, as `framework_ids_for_student` keeps the frameworks, so the page's check
    and the service's are one query.
    """
    allowed: set[int] | None = getattr(student, "_learnloop_open_activities", None)
    if allowed is None:
        allowed = set()
        student._learnloop_open_activities = allowed  # type: ignore[attr-defined]
    if activity_id in allowed:
        return ALLOWED
    if not 0 < activity_id < 2**63:  # past a 64-bit key: refused, not sent to the driver
        return Verdict(404, f"no published activity {activity_id}")
    rows = fetch(_activity_sql(), [activity_id, Status.PUBLISHED, student.school_id])
    if not rows:
        return Verdict(404, f"no published activity {activity_id}")
    frameworks = {framework_id for (framework_id,) in rows if framework_id is not None}
    if not frameworks.intersection(framework_ids_for_student(student)) and not any(
        check(student, activity_id) for check in ASSIGNED_CHECKS
    ):
        return Verdict(403, f"activity {activity_id} is not part of your classes")
    allowed.add(activity_id)
    return ALLOWED


@per_vendor
def _activity_sql() -> str:
    """The frameworks of a published activity's standards (a NULL row when it has none),
    if the activity is shared or of the given school."""
    through = Activity.standards.through
    school = column(Activity, "school")
    return (
        f"SELECT {column(Standard, 'framework')} FROM {table(Activity)} "
        f"LEFT JOIN {table(through)} ON {column(through, 'activity')} = {column(Activity, 'id')} "
        f"LEFT JOIN {table(Standard)} ON {column(Standard, 'id')} = {column(through, 'standard')} "
        f"WHERE {column(Activity, 'id')} = %s AND {column(Activity, 'status')} = %s "
        f"AND ({school} IS NULL OR {school} = %s)"
    )


def access_activity_for_student(viewer: User | AnonymousUser, activity_id: int) -> Activity:
    """An activity the student may open and answer in (`activity_verdict`)."""
    student = require_student(viewer)
    verdict = activity_verdict(student, activity_id)
    if verdict.status == 404:
        raise Http404("No such activity.")
    if verdict.status == 403:
        raise PermissionDenied("This activity is not part of your classes.")
    activity = Activity.objects.filter(pk=activity_id).first()
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
