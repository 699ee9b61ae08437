from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "learnloop.teaching"
    verbose_name = "Teaching: class dashboard, student profile, groups, assignments"

    def ready(self) -> None:
        from learnloop.learning.answering.access import ASSIGNED_CHECKS
        from learnloop.learning.commitments import COMMITMENT_SOURCES
        from learnloop.learning.page_extras import ACTIVITY_DETAIL
        from learnloop.teaching.integrations import (
            activity_assigned_to,
            assigned_activity_cards,
            assignment_commitments,
        )

        COMMITMENT_SOURCES.register(assignment_commitments)
        ACTIVITY_DETAIL.register(assigned_activity_cards)
        ASSIGNED_CHECKS.register(activity_assigned_to)
