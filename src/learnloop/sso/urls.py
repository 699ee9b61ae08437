"""Single sign-on, mounted at /sso/: the start of a sign-in and the providers' callbacks.

Only what a sign-in needs of django-allauth is mounted (its account pages, sign-up
included, are not): Google's and Microsoft's login and callback, our signature-checking
OpenID Connect views under allauth's names, and allauth's cancelled and error pages.
"""

from allauth.socialaccount import views as socialaccount_views
from allauth.socialaccount.providers.google import views as google
from allauth.socialaccount.providers.microsoft import views as microsoft
from django.urls import path
from django.views.generic import RedirectView

from learnloop.sso import oidc, views

urlpatterns = [
    path("start/<slug:key>/", views.start, name="sso_start"),
    path("oidc/<slug:provider_id>/login/", oidc.login, name="openid_connect_login"),
    path(
        "oidc/<slug:provider_id>/login/callback/",
        oidc.callback,
        name="openid_connect_callback",
    ),
    path("google/login/", oidc.or_404(google.oauth2_login), name="google_login"),
    path("google/login/callback/", oidc.or_404(google.oauth2_callback), name="google_callback"),
    path("microsoft/login/", oidc.or_404(microsoft.oauth2_login), name="microsoft_login"),
    path(
        "microsoft/login/callback/",
        oidc.or_404(microsoft.oauth2_callback),
        name="microsoft_callback",
    ),
    path(
        "login/cancelled/",
        socialaccount_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path("login/error/", socialaccount_views.login_error, name="socialaccount_login_error"),
    # allauth sends people to its own sign-in page by this name: ours.
    path("login/", RedirectView.as_view(pattern_name="login"), name="account_login"),
]
