from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "learnloop.accounts"
    verbose_name = "People"
