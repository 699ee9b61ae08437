from django.urls import path

from learnloop.web import installable, views, views_language

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("api/openapi.json", views.openapi, name="openapi"),
    path("manifest.webmanifest", installable.manifest, name="web_manifest"),
    path("sw.js", installable.service_worker, name="service_worker"),
    path("language/", views_language.choose_language, name="choose_language"),
    path("jsi18n/", views_language.javascript_catalog, name="javascript_catalog"),
]
