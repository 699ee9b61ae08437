"""The school office's sign-in page, mounted at /school/sign-in/."""

from django.urls import path

from learnloop.sso import views

urlpatterns = [
    path("", views.office, name="sso_office"),
    path("policy/", views.policy, name="sso_office_policy"),
    path("<int:provider_id>/", views.provider_edit, name="sso_office_provider_edit"),
    path("<int:provider_id>/remove/", views.provider_remove, name="sso_office_provider_remove"),
]
