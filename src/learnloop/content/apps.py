from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "learnloop.content"
    verbose_name = "Activities and items"
