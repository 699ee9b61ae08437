from django.urls import path

from learnloop.privacy import views

urlpatterns = [
    path("", views.data_rights_home, name="privacy_home"),
    path("students/<int:student_id>/", views.student_data, name="privacy_student"),
    path("students/<int:student_id>/export/", views.export_data, name="privacy_export"),
    path("students/<int:student_id>/delete/", views.delete_data, name="privacy_delete"),
]
