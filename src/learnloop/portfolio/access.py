"""Who may open which artifact and comment. Views fetch them only through these.

Reading an artifact (privacy.rules): the student who owns it and a teacher who teaches
them; a linked guardian and their school's admin only when the student shared it with
family.
Scoring, feedback and moderation: a teacher who teaches the student. A missing object
is a 404, one the viewer may not see a 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from learnloop.accounts.access import access_student, can_see_student, require_role
from learnloop.accounts.models import Role, User
from learnloop.portfolio.models import Artifact, GuardianComment
from learnloop.privacy.rules import artifact_record, may_read, reader_of


def _artifact(artifact_id: int) -> Artifact:
    artifact = Artifact.objects.select_related("student", "activity").filter(pk=artifact_id).first()
    if artifact is None:
        raise Http404("No such artifact.")
    return artifact


def can_see_artifact(viewer: User | AnonymousUser, artifact: Artifact) -> bool:
    """privacy.rules: a shared piece for everyone who sees the student, else the class."""
    reader = reader_of(viewer, artifact.student)
    return may_read(reader, artifact_record(artifact.shared_with_family))


def access_artifact(viewer: User | AnonymousUser, artifact_id: int) -> Artifact:
    artifact = _artifact(artifact_id)
    if not can_see_artifact(viewer, artifact):
        raise PermissionDenied("You cannot see this artifact.")
    return artifact


def access_own_artifact(viewer: User | AnonymousUser, artifact_id: int) -> Artifact:
    """An artifact the viewer owns: only its student edits it."""
    require_role(viewer, Role.STUDENT)
    artifact = _artifact(artifact_id)
    if artifact.student_id != viewer.pk:
        raise PermissionDenied("Only the student who added it can change it.")
    return artifact


def access_artifact_to_review(viewer: User | AnonymousUser, artifact_id: int) -> Artifact:
    """An artifact by a student the viewer teaches: feedback and rubric scoring."""
    require_role(viewer, Role.TEACHER)
    return access_artifact(viewer, artifact_id)


def access_artifact_to_comment(viewer: User | AnonymousUser, artifact_id: int) -> Artifact:
    """A shared artifact of the viewer's child."""
    require_role(viewer, Role.GUARDIAN)
    return access_artifact(viewer, artifact_id)


def access_comment_to_moderate(viewer: User | AnonymousUser, comment_id: int) -> GuardianComment:
    require_role(viewer, Role.TEACHER)
    comment = (
        GuardianComment.objects.select_related("artifact__student").filter(pk=comment_id).first()
    )
    if comment is None:
        raise Http404("No such comment.")
    if not can_see_student(viewer, comment.artifact.student):
        raise PermissionDenied("Only the student's teacher moderates this comment.")
    return comment


def access_portfolio_of(viewer: User | AnonymousUser, student_id: int) -> User:
    """A student whose whole portfolio the viewer may list: their teacher or school admin."""
    require_role(viewer, Role.TEACHER, Role.SCHOOL_ADMIN)
    return access_student(viewer, student_id)


def access_student_to_observe(viewer: User | AnonymousUser, student_id: int) -> User:
    """A student the viewer teaches: a teacher records an observation into their portfolio."""
    require_role(viewer, Role.TEACHER)
    return access_student(viewer, student_id)


def require_student(viewer: User | AnonymousUser) -> User:
    return require_role(viewer, Role.STUDENT)
