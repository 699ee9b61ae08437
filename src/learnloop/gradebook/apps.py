from django.apps import AppConfig, apps


class GradebookConfig(AppConfig):
    name = "learnloop.gradebook"
    verbose_name = "Gradebook: levels from evidence, observations, overrides"

    def ready(self) -> None:
        from learnloop.gradebook.evidence import (
            EVIDENCE_SOURCES,
            observation_evidence,
            practice_evidence,
        )

        EVIDENCE_SOURCES.register(practice_evidence)
        EVIDENCE_SOURCES.register(observation_evidence)
        if apps.is_installed("learnloop.teaching"):
            from learnloop.gradebook.profile import profile_cards
            from learnloop.teaching.profile_extras import PROFILE_CARDS

            PROFILE_CARDS.register(profile_cards)
