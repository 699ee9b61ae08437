from django.urls import path

from learnloop.jobs import views

urlpatterns = [path("", views.jobs_page, name="jobs_home")]
