from django.urls import path

from learnloop.goals import views, views_teacher

urlpatterns = [
    path("", views.home, name="goals_home"),
    path("new/", views.new_goal, name="goals_new"),
    path("<int:goal_id>/achieved/", views.achieve, name="goals_achieve"),
    path("<int:goal_id>/let-go/", views.abandon, name="goals_abandon"),
    path("<int:goal_id>/co-sign-request/", views.request_cosign, name="goals_request_cosign"),
    path("reflections/", views.reflect, name="goals_reflect"),
    path("standards/<int:standard_id>/rate/", views.rate, name="goals_rate"),
    path("help/", views.ask_for_help, name="goals_help"),
    path("teacher/", views_teacher.teacher_home, name="goals_teacher"),
    path("<int:goal_id>/co-sign/", views_teacher.cosign, name="goals_cosign"),
    path("help/<int:request_id>/helped/", views_teacher.resolve_help, name="goals_help_resolve"),
    path("students/<int:student_id>/", views_teacher.student_goals, name="goals_student"),
]
