"""What the LTI app lends to other apps' slots."""

from __future__ import annotations

from learnloop.accounts.models import User
from learnloop.lti.models import Learner


def activity_placed_for(student: User, activity_id: int) -> bool:
    """An activity the student opened from an LMS placement is theirs to do (one query)."""
    return Learner.objects.filter(identity__user=student, link__activity_id=activity_id).exists()
