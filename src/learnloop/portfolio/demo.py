"""Demo seed step: Maya's portfolio, scored, commented on and shared with her family.

So that every page of the portfolio loop has something real on it: a written project
("Scale a recipe") tagged with its standards, shared with family and marked as a
showcase piece, scored by Ms. Rivera on the project's rubric (evidence for the
gradebook) with feedback the family may read; a link to a poster kept private; and a
comment from Maya's mother that the teacher approved. Idempotent: every row has a fixed
client id, and scoring again replaces the earlier score.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.utils import timezone

from learnloop.accounts.models import GuardianLink
from learnloop.content.models import Activity, ActivityKind, RubricCriterion
from learnloop.portfolio.models import ArtifactKind, CommentStatus
from learnloop.portfolio.services import (
    add_artifact,
    add_feedback,
    add_guardian_comment,
    moderate_comment,
    score_artifact,
)

if TYPE_CHECKING:
    from learnloop.demo.seed import DemoSchool

NAMESPACE = uuid.UUID("4f0b7c2a-93d1-4e5b-8a66-1d2e3f405162")
PROJECT_TITLE = "Scale a recipe"
RECIPE = (
    "<p>Grandma's dumplings feed 4 people. Our class party has 26, so I needed 6.5 times "
    "the recipe.</p>"
    "<table><tr><th>Ingredient</th><th>For 4</th><th>For 26</th></tr>"
    "<tr><td>Flour (cups)</td><td>2</td><td>13</td></tr>"
    "<tr><td>Water (cups)</td><td>0.75</td><td>4.875</td></tr>"
    "<tr><td>Pork (pounds)</td><td>1</td><td>6.5</td></tr></table>"
    "<p>The ratio of flour to water stays 8 : 3 whatever the size.</p>"
)


def _key(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def seed_demo_portfolio(demo: DemoSchool) -> None:
    maya, rivera = demo.person("maya"), demo.person("rivera")
    project = Activity.objects.filter(kind=ActivityKind.PROJECT, title=PROJECT_TITLE).first()
    if maya is None or rivera is None or project is None:
        return
    now = timezone.now()
    recipe = add_artifact(
        student=maya,
        client_id=_key("artifact:recipe"),
        kind=ArtifactKind.TEXT,
        title="Scaling Grandma's dumplings for the class party",
        reflection=(
            "Multiplying by 6.5 was hard until I made the table. Next time I'll check that "
            "the ratio of flour to water stays the same in every row."
        ),
        body=RECIPE,
        standards=project.standards.all(),
        activity=project,
        shared_with_family=True,
        showcase=True,
        now=now - dt.timedelta(days=6),
    )
    add_artifact(
        student=maya,
        client_id=_key("artifact:poster"),
        kind=ArtifactKind.LINK,
        title="My ratio table poster (draft)",
        reflection="Still working on the colours.",
        link_url="https://example.org/maya/ratio-poster",
        standards=project.standards.filter(code="6.RP.A.3.a"),
        now=now - dt.timedelta(days=3),
    )
    criteria = RubricCriterion.objects.filter(rubric__activity=project).prefetch_related("levels")
    levels = {c.pk: sorted(c.levels.all(), key=lambda lv: lv.points)[-2].pk for c in criteria}
    score_artifact(artifact=recipe, scorer=rivera, levels=levels, now=now - dt.timedelta(days=5))
    add_feedback(
        artifact=recipe,
        author=rivera,
        client_id=_key("feedback:recipe"),
        text="Your table makes the scaling easy to follow. Show the unit rate per person too.",
        visible_to_family=True,
        now=now - dt.timedelta(days=5),
    )
    link = GuardianLink.objects.filter(student=maya).select_related("guardian").first()
    if link is None:
        return
    comment = add_guardian_comment(
        artifact=recipe,
        guardian=link.guardian,
        client_id=_key("comment:recipe"),
        text="We made these at home on Sunday. Delicious maths!",
        now=now - dt.timedelta(days=4),
    )
    if comment.status == CommentStatus.PENDING:
        moderate_comment(
            comment=comment, moderator=rivera, approve=True, now=now - dt.timedelta(days=4)
        )
