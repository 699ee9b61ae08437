from django.apps import AppConfig


class GradebookConfig(AppConfig):
    name = "learnloop.gradebook"
    verbose_name = "Gradebook: levels from evidence, observations, overrides"

    def ready(self) -> None:
        from learnloop.gradebook import evidence

        evidence.register(evidence.practice_evidence)
        evidence.register(evidence.observation_evidence)
