from django.urls import path

from learnloop.placement import views

urlpatterns = [
    path("", views.mine, name="placement_mine"),
    path("<int:check_id>/", views.take, name="placement_take"),
    path("class/<int:classroom_id>/", views.class_map, name="placement_class"),
]
