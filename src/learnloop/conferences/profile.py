"""The conferences card for a teacher's view of one student (teaching's student profile).

`profile_card(student)` returns the context that `conferences/_profile_card.html`
shows: the latest conference, open agreed actions on both sides, and links to the
history and to plan a new one. Two queries, whatever the history's length.
"""

from __future__ import annotations

from typing import Any

from learnloop.accounts.models import User
from learnloop.conferences.models import AgreedAction, Conference


def profile_card(student: User, **_: Any) -> dict[str, Any]:
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
        "conference_card": {
            "student": student,
            "latest": latest,
            "open_actions": open_actions,
            "template": "conferences/_profile_card.html",
        }
    }
