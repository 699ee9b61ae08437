from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "learnloop.portfolio"
    verbose_name = "Portfolio: artifacts, feedback, rubric scores, family comments"

    def ready(self) -> None:
        from learnloop.gradebook import evidence
        from learnloop.portfolio.integrations import rubric_evidence

        evidence.register(rubric_evidence)
