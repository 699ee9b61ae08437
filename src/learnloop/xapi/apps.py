from django.apps import AppConfig


class XapiConfig(AppConfig):
    name = "learnloop.xapi"
    verbose_name = "xAPI: learning records to the school's LRS"

    def ready(self) -> None:
        from learnloop.core.events import EVENT_SINKS
        from learnloop.jobs.registry import PERIODIC_JOBS
        from learnloop.xapi.outbox import store_events
        from learnloop.xapi.tasks import periodic_jobs

        if store_events not in EVENT_SINKS:
            EVENT_SINKS.register(store_events)
        if periodic_jobs not in PERIODIC_JOBS:
            PERIODIC_JOBS.register(periodic_jobs)
