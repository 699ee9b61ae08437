from django.urls import path

from learnloop.web import installable, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("api/openapi.json", views.openapi, name="openapi"),
    path("manifest.webmanifest", installable.manifest, name="web_manifest"),
    path("sw.js", installable.service_worker, name="service_worker"),
]
