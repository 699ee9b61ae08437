"""Portfolio writes: idempotent creates, rubric scores as evidence, moderation."""

from __future__ import annotations

import uuid

import pytest

from learnloop.content.drafts import RubricDraft
from learnloop.content.services import set_rubric
from learnloop.engine.levels import Level
from learnloop.gradebook.evidence import evidence_for
from learnloop.learning.models import NewsKind, StudentNews
from learnloop.portfolio.models import Artifact, ArtifactKind, CommentStatus, RubricScore
from learnloop.portfolio.scoring import level_for_points
from learnloop.portfolio.services import (
    add_artifact,
    add_feedback,
    moderate_comment,
    remove_artifact,
    score_artifact,
    update_artifact,
)
from learnloop.portfolio.tests.fixtures import make_project, png_upload, portfolio_world
from learnloop.portfolio.tests.test_uploads import stored_files
from learnloop.portfolio.uploads import UploadError
from learnloop.testing.world import World


def levels_by_points(artifact: Artifact, wanted: dict[str, int]) -> dict[int, int]:
    """Criterion id -> the id of the level with the given points, by criterion name."""
    chosen = {}
    for criterion in artifact.activity.rubric.criteria.prefetch_related("levels"):
        level = next(lv for lv in criterion.levels.all() if lv.points == wanted[criterion.name])
        chosen[criterion.pk] = level.pk
    return chosen


def test_a_repeated_upload_stores_one_row_and_one_file(world: World) -> None:
    key = uuid.uuid4()
    before = stored_files()
    first = add_artifact(
        student=world.student, client_id=key, kind=ArtifactKind.FILE, title="Poster",
        upload=png_upload(),
    )  # fmt: skip
    again = add_artifact(
        student=world.student, client_id=key, kind=ArtifactKind.FILE, title="Poster",
        upload=png_upload(),
    )  # fmt: skip
    assert again.pk == first.pk
    assert Artifact.objects.count() == 1
    assert len(stored_files() - before) == 1
    assert first.content_type == "image/png" and first.file_name == "poster.png"
    assert not first.file.name.endswith("poster.png")  # stored under a random name


def test_writing_is_sanitized_and_kept(world: World) -> None:
    artifact = add_artifact(
        student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.TEXT, title="Essay",
        body='<p style="color:red">Ratios <b>rock</b></p>',
    )  # fmt: skip
    assert artifact.body == "<p>Ratios <b>rock</b></p>"


@pytest.mark.parametrize(
    ("points", "max_points", "level"),
    [(8, 8, Level.MASTERED), (6, 8, Level.PROFICIENT), (4, 8, Level.FAMILIAR),
     (2, 8, Level.PRACTICING), (0, 0, Level.PRACTICING)],
)  # fmt: skip
def test_rubric_points_map_to_levels(points: int, max_points: int, level: Level) -> None:
    assert level_for_points(points, max_points) == level


def test_a_rubric_score_is_gradebook_evidence_for_tagged_standards(world: World) -> None:
    pw = portfolio_world(world)
    standard = pw.learning.standards["6.RP.A.2"]
    score = score_artifact(
        artifact=pw.shared, scorer=world.teacher,
        levels=levels_by_points(pw.shared, {"Uses unit rates": 3, "Communicates": 3}),
    )  # fmt: skip
    assert (score.points, score.max_points, score.level) == (6, 8, Level.PROFICIENT)
    rubric = [e for e in evidence_for([world.student.pk], [standard.pk]) if e.kind == "rubric"]
    assert len(rubric) == 1
    assert rubric[0].level == Level.PROFICIENT
    assert rubric[0].url.endswith(f"/portfolio/artifacts/{pw.shared.pk}/")
    assert not evidence_for([world.other_student.pk], [standard.pk])


def test_scoring_again_replaces_the_score(world: World) -> None:
    pw = portfolio_world(world)
    for points in (1, 4):
        score_artifact(
            artifact=pw.shared, scorer=world.teacher,
            levels=levels_by_points(pw.shared, {"Uses unit rates": points, "Communicates": points}),
        )  # fmt: skip
    assert RubricScore.objects.get().level == Level.MASTERED
    assert RubricScore.objects.get().criteria.count() == 2


def test_scoring_again_with_the_same_levels_changes_nothing_and_tells_nothing(
    world: World,
) -> None:
    """A form sent twice (or a rerun demo seed) is not a second score: no news twice."""
    pw = portfolio_world(world)
    levels = levels_by_points(pw.shared, {"Uses unit rates": 3, "Communicates": 2})
    first = score_artifact(artifact=pw.shared, scorer=world.teacher, levels=levels)
    again = score_artifact(artifact=pw.shared, scorer=world.teacher, levels=levels)
    assert again.pk == first.pk and again.scored_at == first.scored_at
    assert StudentNews.objects.filter(student=world.student, kind=NewsKind.SCORED).count() == 1
    changed = levels_by_points(pw.shared, {"Uses unit rates": 4, "Communicates": 2})
    score_artifact(artifact=pw.shared, scorer=world.teacher, levels=changed)
    assert StudentNews.objects.filter(student=world.student, kind=NewsKind.SCORED).count() == 2


def test_editing_the_rubric_keeps_the_levels_chosen_when_scoring(world: World) -> None:
    """Rewording a descriptor or a heading, or adding a criterion, never wipes scores;
    only a criterion the teacher removes takes its choices with it."""
    pw = portfolio_world(world)
    levels = levels_by_points(pw.shared, {"Uses unit rates": 3, "Communicates": 2})
    score_artifact(artifact=pw.shared, scorer=world.teacher, levels=levels)
    rubric = pw.shared.activity.rubric
    ids_before = sorted(rubric.criteria.values_list("levels__pk", flat=True))
    set_rubric(
        activity=pw.project,
        draft=RubricDraft(
            levels=(("Starting", 1), ("Developing", 2), ("Secure", 3), ("Extending", 4)),
            criteria=(
                ("Uses unit rates", ("Guesses", "Some rates", "Right rates", "Explains rates")),
                ("Communicates clearly", ("Unclear", "Partly clear", "Clear", "Compelling")),
                ("Checks the answer", ("Never", "Sometimes", "Usually", "Always")),
            ),
        ),
    )
    score = RubricScore.objects.get(artifact=pw.shared)
    kept = {c.criterion.name: (c.level.label, c.level.descriptor) for c in score.criteria.all()}
    assert kept == {
        "Uses unit rates": ("Secure", "Right rates"),
        "Communicates clearly": ("Developing", "Partly clear"),
    }
    assert set(ids_before) <= set(rubric.criteria.values_list("levels__pk", flat=True))
    set_rubric(
        activity=pw.project,
        draft=RubricDraft(
            levels=(("Starting", 1), ("Secure", 3)),
            criteria=(("Uses unit rates", ("Guesses", "Right rates")),),
        ),
    )
    kept = {c.criterion.name: c.level.label for c in score.criteria.all()}
    assert kept == {"Uses unit rates": "Secure"}  # found by its heading, now second
    assert rubric.criteria.get().levels.count() == 2


def test_scoring_needs_every_criterion_and_a_rubric(world: World) -> None:
    pw = portfolio_world(world)
    partial = dict(
        list(levels_by_points(pw.shared, {"Uses unit rates": 3, "Communicates": 3}).items())[:1]
    )
    with pytest.raises(UploadError, match="Communicates: choose a level"):
        score_artifact(artifact=pw.shared, scorer=world.teacher, levels=partial)
    with pytest.raises(UploadError, match="Project:"):
        score_artifact(artifact=pw.private, scorer=world.teacher, levels={})
    assert not RubricScore.objects.exists()


def test_a_level_from_another_rubric_is_refused(world: World) -> None:
    pw = portfolio_world(world)
    other = make_project("Other project")
    foreign = {
        c.pk: other.rubric.criteria.first().levels.first().pk
        for c in pw.shared.activity.rubric.criteria.all()
    }
    with pytest.raises(UploadError, match="choose a level"):
        score_artifact(artifact=pw.shared, scorer=world.teacher, levels=foreign)


def test_feedback_is_idempotent_and_refuses_script(world: World) -> None:
    pw = portfolio_world(world)
    key = uuid.uuid4()
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=key, text="Great scaling.")
    add_feedback(artifact=pw.shared, author=world.teacher, client_id=key, text="Great scaling.")
    assert pw.shared.feedback.count() == 1
    with pytest.raises(UploadError, match="Comment:"):
        add_feedback(artifact=pw.shared, author=world.teacher, client_id=uuid.uuid4(),
                     text="<script>x</script>")  # fmt: skip


def test_moderation_records_who_and_when(world: World) -> None:
    pw = portfolio_world(world)
    moderate_comment(comment=pw.comment, moderator=world.teacher, approve=True)
    pw.comment.refresh_from_db()
    assert pw.comment.status == CommentStatus.APPROVED
    assert pw.comment.moderated_by == world.teacher and pw.comment.moderated_at is not None


def test_update_and_remove(world: World, django_capture_on_commit_callbacks) -> None:
    pw = portfolio_world(world)
    update_artifact(
        artifact=pw.picture, title="Poster v2", reflection="Better colours.", standards=[],
        activity=None, shared_with_family=False, showcase=True,
    )  # fmt: skip
    pw.picture.refresh_from_db()
    assert (pw.picture.title, pw.picture.shared_with_family, pw.picture.showcase) == (
        "Poster v2", False, True,
    )  # fmt: skip
    path = pw.picture.file.path
    with django_capture_on_commit_callbacks(execute=True):
        remove_artifact(artifact=pw.picture)
    assert not Artifact.objects.filter(pk=pw.picture.pk).exists()
    assert path not in {str(p) for p in stored_files()}
