from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "learnloop.schools"
    verbose_name = "Schools and classes"
