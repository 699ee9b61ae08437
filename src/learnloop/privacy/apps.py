from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "learnloop.privacy"
    verbose_name = "Privacy: per-student export, deletion and their audit"
