"""How the portfolio plugs into the rest of LearnLoop without them importing it.

- Gradebook: a rubric score is evidence (kind "rubric") for every standard the artifact
  is tagged with, at the level its points show, so the teacher's gradebook and student
  pages reflect it. No practice responses are invented; the response log stays honest.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse

from learnloop.gradebook.evidence import Evidence
from learnloop.portfolio.models import Artifact

RUBRIC_WEIGHT = 1.5  # a scored performance task outweighs one observation


def _title_for_evidence(artifact: Artifact) -> str:
    """Evidence labels reach the school office's gradebook: a piece the student kept from
    family is named only on its own page, which only the class may open (privacy.rules)."""
    return artifact.title if artifact.shared_with_family else "a piece not shared with family"


def rubric_evidence(student_ids: Sequence[int], standard_ids: Sequence[int]) -> list[Evidence]:
    """One Evidence per scored artifact and tagged standard, in two queries."""
    tagged = Artifact.standards.through.objects.filter(
        artifact__student_id__in=student_ids,
        standard_id__in=standard_ids,
        artifact__score__isnull=False,
    ).select_related("artifact__score")
    return [
        Evidence(
            student_id=link.artifact.student_id,
            standard_id=link.standard_id,
            kind="rubric",
            level=link.artifact.score.level,
            weight=RUBRIC_WEIGHT,
            observed_at=link.artifact.score.scored_at,
            label=(
                f"Portfolio: {_title_for_evidence(link.artifact)} scored "
                f"{link.artifact.score.points}/{link.artifact.score.max_points} on the rubric"
            ),
            url=reverse("portfolio_artifact", args=[link.artifact_id]),
        )
        for link in tagged
    ]
