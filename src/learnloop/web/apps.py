from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "learnloop.web"
    verbose_name = "Web pages"
