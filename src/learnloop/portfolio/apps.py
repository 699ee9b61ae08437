from django.apps import AppConfig, apps


class PortfolioConfig(AppConfig):
    name = "learnloop.portfolio"
    verbose_name = "Portfolio: artifacts, feedback, rubric scores, family comments"

    def ready(self) -> None:
        from learnloop.gradebook.evidence import EVIDENCE_SOURCES
        from learnloop.portfolio.integrations import rubric_evidence

        EVIDENCE_SOURCES.register(rubric_evidence)
        if apps.is_installed("learnloop.teaching"):
            from learnloop.portfolio.profile_card import profile_cards
            from learnloop.teaching.profile_extras import PROFILE_CARDS

            PROFILE_CARDS.register(profile_cards)
