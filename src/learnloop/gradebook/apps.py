from django.apps import AppConfig, apps


class GradebookConfig(AppConfig):
    name = "learnloop.gradebook"
    verbose_name = "Gradebook: levels from evidence, observations, overrides"

    def ready(self) -> None:
        from learnloop.gradebook import evidence

        evidence.register(evidence.practice_evidence)
        evidence.register(evidence.observation_evidence)
        if apps.is_installed("learnloop.teaching"):
            from learnloop.gradebook.profile import profile_cards
            from learnloop.teaching import profile_extras

            profile_extras.register(profile_cards)
