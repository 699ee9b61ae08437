"""Quick class sign-in on a shared computer, mounted at /accounts/class/ beside sign-in."""

from django.urls import path

from learnloop.schools import views_quick

urlpatterns = [
    path("", views_quick.quick_classes, name="quick_sign_in"),
    path("<int:classroom_id>/", views_quick.quick_students, name="quick_sign_in_students"),
    path(
        "<int:classroom_id>/<int:student_id>/",
        views_quick.quick_pictures,
        name="quick_sign_in_pictures",
    ),
]
