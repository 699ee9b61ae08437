from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "learnloop.jobs"
    verbose_name = "Jobs: background work on the database queue"

    def ready(self) -> None:
        from django.contrib import admin
        from django_tasks_db.models import DBTaskResult

        from learnloop.jobs.builtin import register_builtin_jobs

        register_builtin_jobs()
        # The queue is shown on /jobs/ (school admins); not in the Django admin.
        if admin.site.is_registered(DBTaskResult):
            admin.site.unregister(DBTaskResult)
