"""The conferences card for a teacher's view of one student (teaching's student profile).

`profile_card_context(student)` gives what `conferences/_profile_card.html` shows: the
latest conference, open agreed actions on both sides, and links to the history and to
plan a new one. Two queries, whatever the history's length.
"""

from __future__ import annotations

from typing import Any

from learnloop.accounts.models import User
from learnloop.conferences.access import may_confer
from learnloop.conferences.models import AgreedAction, Conference


def profile_card_context(student: User) -> dict[str, Any]:
    latest = (
        Conference.objects.filter(student=student)
        .select_related("teacher")
        .order_by("-created_at", "-pk")
        .first()
    )
    open_actions = list(
        AgreedAction.objects.filter(conference__student=student, done_at__isnull=True)
        .select_related("activity")
        .order_by("due_on", "created_at")
    )
    return {
        "latest": latest,
        "open_actions": open_actions,
    }


def profile_cards(*, student: User, viewer: User, **_: Any) -> list[Any]:
    """Provider for teaching.profile_extras (registered only when teaching is installed)."""
    from learnloop.teaching.profile_extras import ProfileCard

    return [
        ProfileCard(
            title="Conferences",
            template="conferences/_profile_card.html",
            context={**profile_card_context(student), "may_plan": may_confer(viewer)},
            order=40,
        )
    ]
