from django.urls import path

from learnloop.standards import views

urlpatterns = [
    path("", views.framework_list, name="standards_framework_list"),
    path("<int:framework_id>/", views.framework_detail, name="standards_framework_detail"),
    path(
        "<int:framework_id>/items/<int:standard_id>/",
        views.standard_detail,
        name="standards_standard_detail",
    ),
]
