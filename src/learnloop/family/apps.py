from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "learnloop.family"
    verbose_name = "Family: the guardian's view and the progress report"
