"""The endpoints an LMS calls, mounted at /lti/."""

from django.urls import path

from learnloop.lti import views

urlpatterns = [
    path("login/", views.oidc_login, name="lti_login"),
    path("launch/", views.launch, name="lti_launch"),
    path("jwks/", views.jwks, name="lti_jwks"),
    path("deep-link/", views.deep_link, name="lti_deep_link"),
]
