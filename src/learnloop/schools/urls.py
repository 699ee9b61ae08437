from django.urls import path

from learnloop.schools import views, views_quick

urlpatterns = [
    path("<int:classroom_id>/", views.classroom_detail, name="classroom_detail"),
]

urlpatterns += [
    path(
        "<int:classroom_id>/quick-sign-in/",
        views_quick.quick_sign_in_settings,
        name="schools_quick_sign_in_settings",
    ),
]
