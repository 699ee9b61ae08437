from django.urls import path

from learnloop.portfolio import views

urlpatterns = [
    path("", views.my_portfolio, name="portfolio_mine"),
    path("new/", views.add_artifact, name="portfolio_add"),
    path("artifacts/<int:artifact_id>/", views.artifact_detail, name="portfolio_artifact"),
    path("artifacts/<int:artifact_id>/edit/", views.edit_artifact, name="portfolio_edit"),
    path("artifacts/<int:artifact_id>/delete/", views.delete_artifact, name="portfolio_delete"),
    path("artifacts/<int:artifact_id>/file/", views.artifact_file, name="portfolio_file"),
    path("artifacts/<int:artifact_id>/feedback/", views.add_feedback, name="portfolio_feedback"),
    path("artifacts/<int:artifact_id>/score/", views.score_artifact, name="portfolio_score"),
    path("artifacts/<int:artifact_id>/comments/", views.add_comment, name="portfolio_comment"),
    path("comments/", views.comment_queue, name="portfolio_comment_queue"),
    path("comments/<int:comment_id>/moderate/", views.moderate_comment, name="portfolio_moderate"),
    path("students/<int:student_id>/", views.student_portfolio, name="portfolio_student"),
    path(
        "students/<int:student_id>/observe/",
        views.record_observation,
        name="portfolio_observe",
    ),
]
