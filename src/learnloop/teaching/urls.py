from django.urls import path

from learnloop.teaching import (
    views,
    views_assignments,
    views_groups,
    views_mistakes,
    views_pack,
    views_relations,
)

urlpatterns = [
    path("classes/<int:classroom_id>/", views.class_dashboard, name="teaching_class_dashboard"),
    path(
        "classes/<int:classroom_id>/mistakes/",
        views_mistakes.class_mistakes,
        name="teaching_class_mistakes",
    ),
    path(
        "classes/<int:classroom_id>/mistakes/group/",
        views_mistakes.mistake_group,
        name="teaching_mistake_group",
    ),
    path(
        "classes/<int:classroom_id>/mistakes/assign/",
        views_mistakes.mistake_assign,
        name="teaching_mistake_assign",
    ),
    path("classes/<int:classroom_id>/pack/", views_pack.class_pack, name="teaching_class_pack"),
    path("students/<int:student_id>/", views.student_profile, name="teaching_student_profile"),
    path("classes/<int:classroom_id>/groups/", views_groups.group_list, name="teaching_group_list"),
    path(
        "classes/<int:classroom_id>/groups/suggest/",
        views_groups.group_suggest,
        name="teaching_group_suggest",
    ),
    path(
        "classes/<int:classroom_id>/relations/",
        views_relations.class_relations,
        name="teaching_class_relations",
    ),
    path("groups/<int:group_id>/delete/", views_groups.group_delete, name="teaching_group_delete"),
    path(
        "classes/<int:classroom_id>/assignments/",
        views_assignments.assignment_list,
        name="teaching_assignment_list",
    ),
    path(
        "classes/<int:classroom_id>/assignments/new/",
        views_assignments.assignment_new,
        name="teaching_assignment_new",
    ),
    path(
        "assignments/<int:assignment_id>/",
        views_assignments.assignment_detail,
        name="teaching_assignment_detail",
    ),
    path(
        "assignments/<int:assignment_id>/done/",
        views_assignments.assignment_done,
        name="teaching_assignment_done",
    ),
]
