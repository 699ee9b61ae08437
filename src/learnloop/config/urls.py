"""Project URLs: each app owns its own urls.py; this file only mounts them."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "LearnLoop school administration"
admin.site.site_title = "LearnLoop admin"
admin.site.index_title = "School data"

urlpatterns = [
    path("", include("learnloop.web.urls")),
    path("", include("learnloop.accounts.urls")),
    path("classes/", include("learnloop.schools.urls")),
    path("school/sign-in/", include("learnloop.sso.urls_office")),
    path("school/", include("learnloop.schools.urls_office")),
    path("sso/", include("learnloop.sso.urls")),
    path("accounts/class/", include("learnloop.schools.urls_quick")),
    path("standards/", include("learnloop.standards.urls")),
    path("content/", include("learnloop.content.urls")),
    path("learn/", include("learnloop.learning.urls")),
    path("goals/", include("learnloop.goals.urls")),
    path("conferences/", include("learnloop.conferences.urls")),
    path("gradebook/", include("learnloop.gradebook.urls")),
    path("teaching/", include("learnloop.teaching.urls")),
    path("help/teachers/", include("learnloop.teaching.help_urls")),
    path("portfolio/", include("learnloop.portfolio.urls")),
    path("family/", include("learnloop.family.urls")),
    path("privacy/", include("learnloop.privacy.urls")),
    path("placement/", include("learnloop.placement.urls")),
    path("lti/", include("learnloop.lti.urls")),
    path("school/lti/", include("learnloop.lti.urls_office")),
    path("jobs/", include("learnloop.jobs.urls")),
    path("xapi/", include("learnloop.xapi.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "learnloop.web.errors.bad_request"
handler403 = "learnloop.web.errors.permission_denied"
handler404 = "learnloop.web.errors.page_not_found"
handler500 = "learnloop.web.errors.server_error"
