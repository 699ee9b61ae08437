from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "learnloop.sso"
    label = "sso"
    verbose_name = "Single sign-on"

    def ready(self) -> None:
        # allauth's own admin pages (its app table, e-mail addresses, tokens) are not
        # how LearnLoop configures sign-in: the school office's page is.
        from allauth.account.models import EmailAddress
        from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
        from django.contrib import admin

        for model in (EmailAddress, SocialAccount, SocialApp, SocialToken):
            if admin.site.is_registered(model):
                admin.site.unregister(model)
