from django.urls import path

from learnloop.learning import api, views, views_offline, views_practice

urlpatterns = [
    path("", views.my_learning, name="learning_home"),
    path("news/read/", views.read_news, name="learning_news_read"),
    path("activities/", views.activity_list, name="learning_activity_list"),
    path("activities/<int:activity_id>/", views.activity_detail, name="learning_activity_detail"),
    path(
        "activities/<int:activity_id>/practice/", views_practice.practice, name="learning_practice"
    ),
    path(
        "activities/<int:activity_id>/practice/again/",
        views_practice.practice_again,
        name="learning_practice_again",
    ),
    path(
        "practice/<int:session_id>/hint/",
        views_practice.practice_hint,
        name="learning_practice_hint",
    ),
    path(
        "practice/<int:session_id>/scaffold/<int:scaffold_id>/",
        views_practice.practice_scaffold,
        name="learning_practice_scaffold",
    ),
    path(
        "practice/<int:session_id>/part/",
        views_practice.practice_part,
        name="learning_practice_part",
    ),
    path(
        "practice/<int:session_id>/skip/",
        views_practice.practice_skip,
        name="learning_practice_skip",
    ),
    path(
        "practice/<int:session_id>/finish/",
        views_practice.practice_finish,
        name="learning_practice_finish",
    ),
    path(
        "practice/<int:session_id>/summary/",
        views_practice.practice_summary,
        name="learning_practice_summary",
    ),
    path("standards/<int:standard_id>/", views.standard_detail, name="learning_standard_detail"),
    path("mistakes/", views.mistakes, name="learning_mistakes"),
    path("interests/", views.interests, name="learning_interests"),
    path("offline/", views_offline.offline_practice, name="learning_offline"),
    path("api/responses", api.post_response, name="learning_api_responses"),
    path("api/pack", api.get_pack, name="learning_api_pack"),
    path("api/answers/batch", api.post_batch, name="learning_api_answers_batch"),
    path("api/sync-status", api.sync_status, name="learning_api_sync_status"),
]
