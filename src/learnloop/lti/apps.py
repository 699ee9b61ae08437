from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LtiConfig(AppConfig):
    name = "learnloop.lti"
    verbose_name = _("LTI 1.3 tool")

    def ready(self) -> None:
        from learnloop.jobs.registry import PERIODIC_JOBS
        from learnloop.learning.answering.access import ASSIGNED_CHECKS
        from learnloop.lti.integrations import activity_placed_for
        from learnloop.lti.jobs import periodic_jobs

        ASSIGNED_CHECKS.register(activity_placed_for)
        if periodic_jobs not in PERIODIC_JOBS:
            PERIODIC_JOBS.register(periodic_jobs)
