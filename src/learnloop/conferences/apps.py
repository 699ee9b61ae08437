from django.apps import AppConfig, apps


class ConferencesConfig(AppConfig):
    name = "learnloop.conferences"
    verbose_name = "Conferences: agenda, notes, agreed actions"

    def ready(self) -> None:
        from learnloop.conferences.integrations import conference_commitments, conference_evidence
        from learnloop.gradebook.evidence import EVIDENCE_SOURCES
        from learnloop.learning.commitments import COMMITMENT_SOURCES

        COMMITMENT_SOURCES.register(conference_commitments)
        EVIDENCE_SOURCES.register(conference_evidence)
        if apps.is_installed("learnloop.family"):
            from learnloop.conferences.integrations import next_conference_for_family
            from learnloop.family.digest import NEXT_CONFERENCE

            NEXT_CONFERENCE.register(next_conference_for_family)
        if apps.is_installed("learnloop.teaching"):
            from learnloop.conferences.profile import profile_cards
            from learnloop.teaching.profile_extras import PROFILE_CARDS

            PROFILE_CARDS.register(profile_cards)
