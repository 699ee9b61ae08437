from django.urls import path

from learnloop.family import views

urlpatterns = [
    path("students/<int:student_id>/", views.child_progress, name="family_student"),
    path("students/<int:student_id>/report/", views.progress_report, name="family_report"),
    path(
        "students/<int:student_id>/report.pdf",
        views.progress_report_download,
        name="family_report_pdf",
    ),
    path("digest/", views.digest_preferences, name="family_digest_preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="family_unsubscribe"),
]
