from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtiConfig(AppConfig):
    name = "learnloop.lti"
    verbose_name = _("LTI 1.3 tool")

    def ready(self) -> None:
        from learnloop.learning.answering.access import ASSIGNED_CHECKS
        from learnloop.lti.integrations import activity_placed_for

        ASSIGNED_CHECKS.register(activity_placed_for)
