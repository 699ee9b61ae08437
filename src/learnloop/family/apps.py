from django.apps import AppConfig


class FamilyConfig(AppConfig):
    name = "learnloop.family"
    verbose_name = "Family: the guardian's view and the progress report"

    def ready(self) -> None:
        from learnloop.family.jobs import periodic_jobs
        from learnloop.jobs.registry import PERIODIC_JOBS

        if periodic_jobs not in PERIODIC_JOBS:
            PERIODIC_JOBS.register(periodic_jobs)
