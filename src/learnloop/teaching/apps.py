from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "learnloop.teaching"
    verbose_name = "Teaching: class dashboard, student profile, groups, assignments"

    def ready(self) -> None:
        from learnloop.learning import page_extras
        from learnloop.learning.access import ASSIGNED_CHECKS
        from learnloop.learning.commitments import COMMITMENT_SOURCES
        from learnloop.teaching.integrations import (
            activity_assigned_to,
            assignment_commitments,
            open_assignment_for_activity,
        )

        if assignment_commitments not in COMMITMENT_SOURCES:
            COMMITMENT_SOURCES.append(assignment_commitments)
        page_extras.register("activity_detail", open_assignment_for_activity)
        if activity_assigned_to not in ASSIGNED_CHECKS:
            ASSIGNED_CHECKS.append(activity_assigned_to)
