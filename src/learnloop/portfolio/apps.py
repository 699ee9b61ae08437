from django.apps import AppConfig, apps


class PortfolioConfig(AppConfig):
    name = "learnloop.portfolio"
    verbose_name = "Portfolio: artifacts, feedback, rubric scores, family comments"

    def ready(self) -> None:
        from learnloop.gradebook import evidence
        from learnloop.portfolio.integrations import rubric_evidence

        evidence.register(rubric_evidence)
        if apps.is_installed("learnloop.teaching"):
            from learnloop.portfolio.profile_card import profile_cards
            from learnloop.teaching import profile_extras

            profile_extras.register(profile_cards)
