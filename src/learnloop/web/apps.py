from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "learnloop.web"
    verbose_name = "Web pages"

    def ready(self) -> None:
        from learnloop.web import locale  # noqa: F401 - connects remember_time_zone
