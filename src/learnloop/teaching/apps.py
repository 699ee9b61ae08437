from django.apps import AppConfig


class TeachingConfig(AppConfig):
    name = "learnloop.teaching"
    verbose_name = "Teaching: class dashboard, student profile, groups, assignments"

    def ready(self) -> None:
        from learnloop.learning.commitments import COMMITMENT_SOURCES
        from learnloop.teaching.integrations import assignment_commitments

        if assignment_commitments not in COMMITMENT_SOURCES:
            COMMITMENT_SOURCES.append(assignment_commitments)
