"""Mounted at /help/teachers/ (config/urls.py)."""

from django.urls import path

from learnloop.teaching import views_help

urlpatterns = [
    path("<slug:page>/", views_help.teacher_help, name="teaching_help"),
]
