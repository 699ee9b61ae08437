"""The school office's LTI pages, mounted at /school/lti/."""

from django.urls import path

from learnloop.lti import views_office

urlpatterns = [
    path("", views_office.platforms, name="lti_office_platforms"),
    path("<int:platform_id>/", views_office.platform_edit, name="lti_office_platform_edit"),
    path(
        "<int:platform_id>/remove/",
        views_office.platform_remove,
        name="lti_office_platform_remove",
    ),
]
