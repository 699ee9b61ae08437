from django.apps import AppConfig


class PlacementConfig(AppConfig):
    name = "learnloop.placement"
    verbose_name = "Placement: the adaptive first check of a course"

    def ready(self) -> None:
        from learnloop.placement.integrations import register_everywhere

        register_everywhere()
