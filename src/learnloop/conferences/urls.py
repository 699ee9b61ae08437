from django.urls import path

from learnloop.conferences import views, views_run

urlpatterns = [
    path("", views.home, name="conferences_home"),
    path("request/", views.request_conference, name="conferences_request"),
    path("todo/", views.todo, name="conferences_todo"),
    path("students/<int:student_id>/", views.student_history, name="conferences_student"),
    path("students/<int:student_id>/new/", views.plan_conference, name="conferences_plan"),
    path("actions/<int:action_id>/done/", views.complete_action, name="conferences_action_done"),
    path("<int:conference_id>/", views_run.detail, name="conferences_detail"),
    path("<int:conference_id>/notes/", views_run.add_note, name="conferences_add_note"),
    path("<int:conference_id>/actions/", views_run.add_action, name="conferences_add_action"),
    path("<int:conference_id>/schedule/", views_run.schedule, name="conferences_schedule"),
    path("<int:conference_id>/status/", views_run.change_status, name="conferences_status"),
]
