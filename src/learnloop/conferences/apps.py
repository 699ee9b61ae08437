from django.apps import AppConfig


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
