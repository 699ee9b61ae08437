from django.urls import path

from learnloop.gradebook import views

urlpatterns = [
    path("classes/<int:classroom_id>/", views.class_gradebook, name="gradebook_class"),
    path(
        "classes/<int:classroom_id>/gradebook.csv",
        views.class_gradebook_csv,
        name="gradebook_class_csv",
    ),
    path("students/<int:student_id>/", views.student_report, name="gradebook_student"),
    path(
        "students/<int:student_id>/observations/new/",
        views.observation_new,
        name="gradebook_observation_new",
    ),
    path(
        "students/<int:student_id>/standards/<int:standard_id>/",
        views.cell_detail,
        name="gradebook_cell",
    ),
    path(
        "students/<int:student_id>/standards/<int:standard_id>/override/",
        views.cell_override,
        name="gradebook_cell_override",
    ),
    path(
        "students/<int:student_id>/standards/<int:standard_id>/remove-override/",
        views.cell_remove_override,
        name="gradebook_cell_remove_override",
    ),
]
