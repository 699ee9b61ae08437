"""The portfolio card on the teacher's student profile (teaching.profile_extras).

Recent pieces, how many wait for a rubric score, and family comments to read, in three
queries whatever the portfolio's size.
"""

from __future__ import annotations

from typing import Any

from learnloop.accounts.models import User
from learnloop.portfolio.models import CommentStatus, GuardianComment
from learnloop.portfolio.selectors import artifacts_for_student
from learnloop.privacy.rules import Record, may_read, reader_of

RECENT = 4


def profile_card_context(student: User, viewer: User) -> dict[str, Any]:
    """The office sees only pieces shared with family (privacy.rules)."""
    reader = reader_of(viewer, student)
    family_only = not may_read(reader, Record.UNSHARED_ARTIFACT)
    artifacts = artifacts_for_student(student, family_only=family_only)
    return {
        "recent": list(artifacts[:RECENT]),
        "unscored": artifacts.filter(activity__rubric__isnull=False, score__isnull=True).count(),
        "pending_comments": GuardianComment.objects.filter(
            artifact__student=student, status=CommentStatus.PENDING
        ).count(),
    }


def profile_cards(*, student: User, viewer: User, **_: Any) -> list[Any]:
    """Provider for teaching.profile_extras (registered only when teaching is installed)."""
    from learnloop.teaching.profile_extras import ProfileCard

    return [
        ProfileCard(
            title="Portfolio",
            template="portfolio/_profile_card.html",
            context=profile_card_context(student, viewer),
            order=40,
        )
    ]
