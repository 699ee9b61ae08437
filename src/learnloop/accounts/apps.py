from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "learnloop.accounts"
    verbose_name = "People"

    def ready(self) -> None:
        from learnloop.accounts import signals  # noqa: F401 - connects the receivers
