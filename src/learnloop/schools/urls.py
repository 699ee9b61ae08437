from django.urls import path

from learnloop.schools import views

urlpatterns = [
    path("<int:classroom_id>/", views.classroom_detail, name="classroom_detail"),
]
