from django.urls import path

from learnloop.xapi import views

urlpatterns = [
    path("settings/", views.lrs_settings, name="xapi_settings"),
    path("outbox/", views.outbox, name="xapi_outbox"),
    path(
        "outbox/<uuid:statement_id>/retry/", views.dead_letter_retry, name="xapi_dead_letter_retry"
    ),
    path(
        "outbox/<uuid:statement_id>/discard/",
        views.dead_letter_discard,
        name="xapi_dead_letter_discard",
    ),
]
