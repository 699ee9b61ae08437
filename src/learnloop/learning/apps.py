from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learnloop.learning"
    verbose_name = "Learning: responses and mastery"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from learnloop.content.models import Activity
        from learnloop.jobs.registry import PERIODIC_JOBS
        from learnloop.learning.catalog import forget_catalogs
        from learnloop.learning.jobs import nightly_jobs
        from learnloop.standards.models import Framework, Standard, StandardAssociation

        for model in (Framework, Standard, StandardAssociation, Activity):
            post_save.connect(forget_catalogs, sender=model, dispatch_uid=f"catalog-{model}")
            post_delete.connect(forget_catalogs, sender=model, dispatch_uid=f"catalog-d-{model}")
        m2m_changed.connect(
            forget_catalogs, sender=Activity.standards.through, dispatch_uid="catalog-m2m"
        )
        if nightly_jobs not in PERIODIC_JOBS:
            PERIODIC_JOBS.register(nightly_jobs)
