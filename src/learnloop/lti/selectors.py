"""Reads of the LTI app that are more than one line."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from learnloop.lti.models import Platform
from learnloop.schools.models import School

_WAITING = "contexts__links__learners__pending"


def platforms_for_school(school: School) -> QuerySet[Platform]:
    """The school's registrations with their deployments and their outbox: scores waiting
    to be sent, and how many of those have failed at least once."""
    return (
        Platform.objects.filter(school=school)
        .prefetch_related("deployments")
        .annotate(
            scores_waiting=Count(_WAITING, filter=Q(**{f"{_WAITING}__sent_at": None})),
            scores_failing=Count(
                _WAITING,
                filter=Q(**{f"{_WAITING}__sent_at": None, f"{_WAITING}__attempts__gt": 0}),
            ),
        )
        .order_by("name")
    )
