from django.apps import AppConfig, apps


class ConferencesConfig(AppConfig):
    name = "learnloop.conferences"
    verbose_name = "Conferences: agenda, notes, agreed actions"

    def ready(self) -> None:
        from learnloop.conferences.integrations import conference_commitments, conference_evidence
        from learnloop.gradebook import evidence
        from learnloop.learning.commitments import COMMITMENT_SOURCES

        if conference_commitments not in COMMITMENT_SOURCES:
            COMMITMENT_SOURCES.append(conference_commitments)
        evidence.register(conference_evidence)
        if apps.is_installed("learnloop.teaching"):
            from learnloop.conferences.profile import profile_cards
            from learnloop.teaching import profile_extras

            profile_extras.register(profile_cards)
