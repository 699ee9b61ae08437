"""Every portfolio write: artifacts, feedback, rubric scores, guardian comments.

Keyword-only, one transaction each. Rows made from a form carry the page's client_id,
so a repeated submission stores one row (and one file). Input is checked before any
row or file is written: a refused upload leaves nothing behind.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from learnloop.accounts.models import User
from learnloop.content.models import Activity, RubricCriterion, RubricLevel
from learnloop.content.richtext import sanitize_html
from learnloop.core.events import LearningEvent, Verb, record_events
from learnloop.gradebook.services import refresh_levels
from learnloop.learning.models import NewsKind
from learnloop.learning.news import post_news
from learnloop.portfolio.models import (
    FILE_KINDS,
    Artifact,
    ArtifactKind,
    CommentStatus,
    CriterionScore,
    Feedback,
    GuardianComment,
    RubricScore,
)
from learnloop.portfolio.scoring import level_for_points
from learnloop.portfolio.selectors import stored_bytes_for_student
from learnloop.portfolio.uploads import (
    UploadError,
    check_file,
    check_link,
    check_quota,
    refuse_script,
)
from learnloop.standards.models import Standard


def _check_words(*, title: str, reflection: str) -> tuple[str, str]:
    title = title.strip()
    if not title:
        raise UploadError("title", gettext("Title: give your work a short title."))
    refuse_script("title", "Title", title)
    refuse_script("reflection", "Reflection", reflection)
    return title, reflection.strip()


def _content(kind: str, upload: UploadedFile | None, body: str, link_url: str) -> dict[str, object]:
    """The kind-specific fields, checked; raises UploadError naming the field."""
    if kind in FILE_KINDS:
        if upload is None:
            raise UploadError("file", gettext("File: choose a file to upload."))
        checked = check_file(upload)
        accepted = FILE_KINDS[kind]
        if accepted and not checked.content_type.startswith(accepted):
            raise UploadError(
                "file",
                gettext(
                    "File: %(name)s is not a %(kind)s; choose another kind, or record it again."
                )
                % {"name": checked.name, "kind": str(ArtifactKind(kind).label).lower()},
            )
        return {"file_name": checked.name, "content_type": checked.content_type,
                "size": checked.size, "_extension": checked.extension}  # fmt: skip
    if kind == ArtifactKind.TEXT:
        refuse_script("body", "Writing", body)
        clean = sanitize_html(body)
        if not clean:
            raise UploadError("body", gettext("Writing: write something first."))
        return {"body": clean}
    if kind == ArtifactKind.LINK:
        return {"link_url": check_link(link_url)}
    raise UploadError("kind", gettext("Kind: choose a file, writing or a link."))


@transaction.atomic
def add_artifact(
    *,
    student: User,
    client_id: uuid.UUID,
    kind: str,
    title: str,
    reflection: str = "",
    upload: UploadedFile | None = None,
    body: str = "",
    link_url: str = "",
    standards: Iterable[Standard] = (),
    activity: Activity | None = None,
    shared_with_family: bool = False,
    showcase: bool = False,
    description: str = "",
    recorded_by: User | None = None,
    now: datetime | None = None,
) -> Artifact:
    """A new artifact in the student's portfolio; a repeated client_id returns the first.

    `recorded_by` is the teacher when a teacher records an observation (a photo or a
    voice note of the student's work) into the student's portfolio.
    """
    existing = Artifact.objects.filter(student=student, client_id=client_id).first()
    if existing is not None:
        return existing
    title, reflection = _check_words(title=title, reflection=reflection)
    content = _content(kind, upload, body, link_url)
    extension = content.pop("_extension", None)
    description = description.strip()[:500]
    refuse_script("description", "Description", description)
    if kind in FILE_KINDS:
        # Locks the student's row first, so two uploads at once cannot both fit the quota.
        User.objects.select_for_update().filter(pk=student.pk).values_list("pk").first()
        check_quota(used=stored_bytes_for_student(student), adding=int(str(content["size"])))
    now = now or timezone.now()
    artifact = Artifact(
        student=student, client_id=client_id, kind=kind, title=title[:200],
        reflection=reflection, activity=activity, shared_with_family=shared_with_family,
        showcase=showcase, created_at=now, updated_at=now, description=description,
        recorded_by=recorded_by, **content,
    )  # fmt: skip
    if upload is not None and kind in FILE_KINDS:
        # A random stored name: the original is only ever displayed, never used as a path.
        artifact.file.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    try:
        artifact.save()
        artifact.standards.set(standards)
    except Exception:
        if artifact.file:
            artifact.file.storage.delete(artifact.file.name)
        raise
    if shared_with_family:
        _shared(artifact, student, now)
    return artifact


def _shared(artifact: Artifact, student: User, when: datetime) -> None:
    """The student shared this artifact with their family (xAPI "shared")."""
    record_events(
        [
            LearningEvent(
                verb=Verb.SHARED,
                student_id=student.pk,
                school_id=student.school_id,
                object_type="artifact",
                object_id=artifact.pk,
                when=when,
                standard_ids=tuple(sorted(_tagged(artifact))),
            )
        ]
    )


@transaction.atomic
def update_artifact(
    *,
    artifact: Artifact,
    title: str,
    reflection: str,
    standards: Iterable[Standard],
    activity: Activity | None,
    shared_with_family: bool,
    showcase: bool,
    now: datetime | None = None,
) -> Artifact:
    """The student's own changes: words, tags, project, sharing and showcase."""
    artifact.title, artifact.reflection = _check_words(title=title, reflection=reflection)
    newly_shared = shared_with_family and not artifact.shared_with_family
    artifact.activity = activity
    artifact.shared_with_family = shared_with_family
    artifact.showcase = showcase
    artifact.updated_at = now or timezone.now()
    artifact.save(
        update_fields=["title", "reflection", "activity", "shared_with_family", "showcase",
                       "updated_at"]
    )  # fmt: skip
    before = _tagged(artifact)
    artifact.standards.set(standards)
    _refresh_scored(artifact, before | _tagged(artifact))
    if newly_shared:
        _shared(artifact, artifact.student, artifact.updated_at)
    return artifact


def _tagged(artifact: Artifact) -> set[int]:
    return set(artifact.standards.values_list("pk", flat=True))


def _refresh_scored(artifact: Artifact, standard_ids: set[int]) -> None:
    """A scored artifact is evidence on its standards: their stored levels follow it."""
    if RubricScore.objects.filter(artifact_id=artifact.pk).exists():
        refresh_levels(student_ids=[artifact.student_id], standard_ids=standard_ids)


@transaction.atomic
def remove_artifact(*, artifact: Artifact) -> None:
    """Delete an artifact and, once the deletion is committed, its file."""
    name, storage = artifact.file.name, artifact.file.storage
    student_id, scored, standard_ids = (
        artifact.student_id,
        RubricScore.objects.filter(artifact_id=artifact.pk).exists(),
        _tagged(artifact),
    )
    artifact.delete()
    if scored:
        refresh_levels(student_ids=[student_id], standard_ids=standard_ids)
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def add_feedback(
    *,
    artifact: Artifact,
    author: User,
    client_id: uuid.UUID,
    text: str,
    visible_to_family: bool = False,
    now: datetime | None = None,
) -> Feedback:
    existing = Feedback.objects.filter(artifact=artifact, client_id=client_id).first()
    if existing is not None:
        return existing
    text = text.strip()
    if not text:
        raise UploadError("text", gettext("Comment: write the comment first."))
    refuse_script("text", "Comment", text)
    feedback = Feedback.objects.create(
        artifact=artifact, author=author, client_id=client_id, text=text,
        visible_to_family=visible_to_family, created_at=now or timezone.now(),
    )  # fmt: skip
    post_news(student=artifact.student, kind=NewsKind.COMMENTED, subject=artifact.title,
              actor=author, url=reverse("portfolio_artifact", args=[artifact.pk]),
              now=feedback.created_at)  # fmt: skip
    return feedback


@transaction.atomic
def score_artifact(
    *,
    artifact: Artifact,
    scorer: User,
    levels: Mapping[int, int],
    now: datetime | None = None,
) -> RubricScore:
    """Score the artifact on its project's rubric: one level id per criterion id.

    Scoring again replaces the earlier score, so the gradebook sees one piece of
    evidence per artifact, the latest. Scoring again with the very levels already
    given (a form sent twice, a rerun seed) changes nothing and tells the student
    nothing new.
    """
    rubric = getattr(artifact.activity, "rubric", None) if artifact.activity else None
    if rubric is None:
        raise UploadError(
            "activity", gettext("Project: choose the project whose rubric fits this work.")
        )
    criteria = list(RubricCriterion.objects.filter(rubric=rubric).prefetch_related("levels"))
    chosen = []
    for criterion in criteria:
        level = next(
            (lv for lv in criterion.levels.all() if lv.pk == levels.get(criterion.pk)), None
        )
        if level is None:
            raise UploadError(
                f"criterion_{criterion.pk}",
                gettext("%(criterion)s: choose a level.") % {"criterion": criterion.name},
            )
        chosen.append((criterion, level))
    earlier = RubricScore.objects.filter(artifact=artifact, rubric=rubric).first()
    if earlier is not None and _same_levels(earlier, chosen):
        return earlier
    points = sum(level.points for _, level in chosen)
    max_points = sum(max((lv.points for lv in c.levels.all()), default=0) for c in criteria)
    RubricScore.objects.filter(artifact=artifact).delete()
    score = RubricScore.objects.create(
        artifact=artifact, rubric=rubric, scorer=scorer, points=points, max_points=max_points,
        level=level_for_points(points, max_points), scored_at=now or timezone.now(),
    )  # fmt: skip
    CriterionScore.objects.bulk_create(
        [CriterionScore(score=score, criterion=c, level=lv) for c, lv in chosen]
    )
    refresh_levels(student_ids=[artifact.student_id], standard_ids=_tagged(artifact))
    post_news(student=artifact.student, kind=NewsKind.SCORED, subject=artifact.title,
              level=score.level, actor=scorer, now=score.scored_at,
              url=reverse("portfolio_artifact", args=[artifact.pk]))  # fmt: skip
    return score


def _same_levels(score: RubricScore, chosen: list[tuple[RubricCriterion, RubricLevel]]) -> bool:
    given = set(CriterionScore.objects.filter(score=score).values_list("criterion_id", "level_id"))
    return given == {(criterion.pk, level.pk) for criterion, level in chosen}


@transaction.atomic
def set_artifact_project(*, artifact: Artifact, activity: Activity) -> None:
    """The teacher names the project whose rubric scores this artifact."""
    artifact.activity = activity
    artifact.save(update_fields=["activity"])


@transaction.atomic
def add_guardian_comment(
    *,
    artifact: Artifact,
    guardian: User,
    client_id: uuid.UUID,
    text: str,
    now: datetime | None = None,
) -> GuardianComment:
    """A guardian's comment, held for the teacher to approve before others see it."""
    existing = GuardianComment.objects.filter(guardian=guardian, client_id=client_id).first()
    if existing is not None:
        return existing
    text = text.strip()
    if not text:
        raise UploadError("text", gettext("Comment: write the comment first."))
    refuse_script("text", "Comment", text)
    return GuardianComment.objects.create(
        artifact=artifact, guardian=guardian, client_id=client_id, text=text[:2000],
        created_at=now or timezone.now(),
    )  # fmt: skip


@transaction.atomic
def moderate_comment(
    *, comment: GuardianComment, moderator: User, approve: bool, now: datetime | None = None
) -> GuardianComment:
    comment.status = CommentStatus.APPROVED if approve else CommentStatus.REJECTED
    comment.moderated_by = moderator
    comment.moderated_at = now or timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    return comment
