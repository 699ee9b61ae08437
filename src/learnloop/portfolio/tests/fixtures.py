"""A project with a rubric and a few artifacts of the world's student, built by services.

`portfolio_world(world)` caches on the World, like learning_world, so URL-expectation
lambdas can call it for every role without duplicating rows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from learnloop.content.drafts import ActivityDraft, RubricDraft
from learnloop.content.models import Activity, ActivityKind, Modality, Status
from learnloop.content.services import create_activity, set_rubric
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.portfolio.models import Artifact, ArtifactKind, GuardianComment
from learnloop.portfolio.services import add_artifact, add_guardian_comment
from learnloop.testing.world import World

# The smallest valid PNG: a 1x1 transparent pixel.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class PortfolioWorld:
    learning: LearningWorld
    project: Activity
    shared: Artifact  # writing, shared with family, tagged 6.RP.A.2, for the project
    private: Artifact  # a link the student did not share
    picture: Artifact  # an uploaded PNG, shared
    comment: GuardianComment  # the guardian's pending comment on `shared`


def png_upload(name: str = "poster.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def make_project(title: str = "Design a recipe card") -> Activity:
    project = create_activity(
        author=None,
        school=None,
        draft=ActivityDraft(kind=ActivityKind.PROJECT, title=title, modality=Modality.MAKE),
        standards=[],
        status=Status.PUBLISHED,
    )
    set_rubric(
        activity=project,
        draft=RubricDraft(
            levels=(("Beginning", 1), ("Developing", 2), ("Secure", 3), ("Extending", 4)),
            criteria=(
                ("Uses unit rates", ("Guesses", "Some rates", "Correct rates", "Explains rates")),
                ("Communicates", ("Unclear", "Partly clear", "Clear", "Compelling")),
            ),
        ),
    )
    return project


def portfolio_world(world: World) -> PortfolioWorld:
    cached = getattr(world, "_portfolio", None)
    if cached is not None:
        return cached
    lw = learning_world(world)
    project = make_project()
    standard = lw.standards["6.RP.A.2"]
    shared = add_artifact(
        student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.TEXT,
        title="My recipe card", body="<p>1 cup of flour per 2 eggs.</p>",
        reflection="Scaling the recipe taught me unit rates.", standards=[standard],
        activity=project, shared_with_family=True, showcase=True,
    )  # fmt: skip
    private = add_artifact(
        student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.LINK,
        title="Draft slides", link_url="https://example.org/slides",
    )  # fmt: skip
    picture = add_artifact(
        student=world.student, client_id=uuid.uuid4(), kind=ArtifactKind.FILE,
        title="Poster", upload=png_upload(), shared_with_family=True,
    )  # fmt: skip
    comment = add_guardian_comment(
        artifact=shared, guardian=world.guardian, client_id=uuid.uuid4(), text="So proud!"
    )
    built = PortfolioWorld(lw, project, shared, private, picture, comment)
    world._portfolio = built  # type: ignore[attr-defined]
    return built
