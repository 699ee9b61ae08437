from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "learnloop.standards"
    verbose_name = "Standards frameworks"
