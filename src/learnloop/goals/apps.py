from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "learnloop.goals"
    verbose_name = "Goals: goals, reflections, self-assessment, help requests"

    def ready(self) -> None:
        from learnloop.goals.integrations import register_everywhere

        register_everywhere()
