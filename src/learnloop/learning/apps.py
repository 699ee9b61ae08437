from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learnloop.learning"
    verbose_name = "Learning: responses and mastery"
