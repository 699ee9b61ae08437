"""The gradebook card for a teacher's view of one student (teaching's student profile).

`profile_card_context(student)` gives what `gradebook/_profile_card.html` shows: how
many standards stand at each level, the overridden ones, and the latest observations,
with links to the full report and to record an observation.
"""

from __future__ import annotations

from typing import Any

from learnloop.accounts.models import User
from learnloop.engine.levels import Level
from learnloop.gradebook.access import may_grade
from learnloop.gradebook.selectors import observations_for_student, report_for_student


def profile_card_context(student: User) -> dict[str, Any]:
    grades = report_for_student(student)
    counts = {level: 0 for level in Level}
    for _standard, grade in grades:
        counts[grade.level] += 1
    return {
        "level_counts": [(level, counts[level]) for level in reversed(Level)],
        "overridden": [standard for standard, grade in grades if grade.overridden],
        "observations": list(observations_for_student(student)[:3]),
    }


def profile_cards(*, student: User, viewer: User, **_: Any) -> list[Any]:
    """Provider for teaching.profile_extras (registered only when teaching is installed)."""
    from learnloop.teaching.profile_extras import ProfileCard

    return [
        ProfileCard(
            title="Gradebook",
            template="gradebook/_profile_card.html",
            context={**profile_card_context(student), "may_grade": may_grade(viewer)},
            order=45,
        )
    ]
