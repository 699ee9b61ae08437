"""Reads for portfolio pages: a student's artifacts, one artifact's page, the teacher's queue.

Each selector runs a fixed number of queries whatever the number of artifacts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet, Sum

from learnloop.accounts.models import Role, User
from learnloop.content.models import Activity, ActivityKind, RubricCriterion, RubricLevel, Status
from learnloop.portfolio.models import (
    Artifact,
    CommentStatus,
    CriterionScore,
    Feedback,
    GuardianComment,
)
from learnloop.standards.models import Standard
from learnloop.standards.selectors import leaf_standards_for_student

HIGHLIGHTS = 6


def stored_bytes_for_student(student: User) -> int:
    """What the student's uploaded files add up to (their portfolio quota's use)."""
    total = Artifact.objects.filter(student=student).aggregate(total=Sum("size"))["total"]
    return int(total or 0)


def artifacts_for_student(student: User, *, family_only: bool = False) -> QuerySet[Artifact]:
    """The student's portfolio, newest first; only family-shared pieces when asked."""
    artifacts = Artifact.objects.filter(student=student)
    if family_only:
        artifacts = artifacts.filter(shared_with_family=True)
    return artifacts.select_related("activity", "score").prefetch_related(
        Prefetch(
            "standards",
            queryset=Standard.objects.only("pk", "code", "abbreviated_statement", "framework_id"),
        )
    )


def highlights_for_student(student: User, *, family_only: bool) -> list[Artifact]:
    """Showcase pieces first, then the newest others, for the progress report."""
    artifacts = artifacts_for_student(student, family_only=family_only).order_by(
        "-showcase", "-created_at", "-pk"
    )
    return list(artifacts[:HIGHLIGHTS])


@dataclass(frozen=True)
class ArtifactPage:
    artifact: Artifact
    feedback: list[Feedback]
    comments: list[GuardianComment]
    criterion_scores: list[CriterionScore]


def _comments_for(viewer: User, artifact: Artifact) -> QuerySet[GuardianComment]:
    comments = artifact.guardian_comments.select_related("guardian")
    if viewer.role == Role.TEACHER:
        return comments.all()
    if viewer.role == Role.GUARDIAN:
        return comments.filter(Q(status=CommentStatus.APPROVED) | Q(guardian=viewer))
    return comments.filter(status=CommentStatus.APPROVED)


def artifact_page_for(viewer: User, artifact: Artifact) -> ArtifactPage:
    """What `viewer` may read on the artifact's page: guardians see family feedback only."""
    feedback = artifact.feedback.select_related("author")
    if viewer.role == Role.GUARDIAN:
        feedback = feedback.filter(visible_to_family=True)
    score = getattr(artifact, "score", None)
    criterion_scores = (
        list(score.criteria.select_related("criterion", "level")) if score is not None else []
    )
    return ArtifactPage(artifact, list(feedback), list(_comments_for(viewer, artifact)),
                        criterion_scores)  # fmt: skip


def family_feedback_for_student(student: User) -> QuerySet[Feedback]:
    """Teacher comments approved for family, on artifacts the student shared."""
    return (
        Feedback.objects.filter(
            artifact__student=student,
            artifact__shared_with_family=True,
            visible_to_family=True,
        )
        .select_related("author", "artifact")
        .order_by("-created_at", "-pk")
    )


def pending_comments_for_teacher(teacher: User) -> QuerySet[GuardianComment]:
    return (
        GuardianComment.objects.filter(
            status=CommentStatus.PENDING,
            artifact__student__enrollments__classroom__teachers=teacher,
        )
        .select_related("guardian", "artifact__student")
        .distinct()
        .order_by("created_at", "pk")
    )


def project_choices_for_student(student: User) -> QuerySet[Activity]:
    """Published projects with a rubric that the student's school may use."""
    return (
        Activity.objects.filter(
            kind=ActivityKind.PROJECT, status=Status.PUBLISHED, rubric__isnull=False
        )
        .filter(Q(school__isnull=True) | Q(school_id=student.school_id))
        .order_by("title", "pk")
    )


def standard_choices_for_student(student: User) -> list[Standard]:
    return leaf_standards_for_student(student)


def rubric_grid(activity: Activity) -> list[RubricCriterion]:
    """The activity's rubric criteria with their levels, in order, in two queries."""
    return list(
        RubricCriterion.objects.filter(rubric__activity=activity).prefetch_related(
            Prefetch("levels", queryset=RubricLevel.objects.order_by("position", "points", "pk"))
        )
    )
