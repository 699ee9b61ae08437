"""The LTI endpoints a platform calls, and the teacher's deep-linking picker.

The OIDC login and the launch are cross-site form posts from the LMS by design (LTI 1.3
/ OIDC `response_mode=form_post`): they carry no Django CSRF token and are exempt. They
are protected instead by what CSRF tokens protect against: the signed id_token (its
signature by the platform's published key, expiry and audience), the OIDC `state` bound
to this browser by a cookie, and a nonce accepted once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.contrib.django import DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.exception import LtiException, OIDCException

from learnloop.lti.access import DEEP_LINK_SESSION_KEY, access_deep_link
from learnloop.lti.deep_linking import deep_link_response
from learnloop.lti.keys import published_key_set
from learnloop.lti.launches import accept_launch, visible_activities
from learnloop.lti.matching import LaunchRefused
from learnloop.lti.tool_conf import DatabaseLaunchStorage, DatabaseToolConf
from learnloop.web.parsing import parse_ids

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _refused(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return render(request, "lti/refused.html", {"reason": reason}, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oidc_login(request: HttpRequest) -> HttpResponse:
    """Third-party initiated login: answer with the redirect to the platform's auth URL."""
    try:
        login_request = DjangoOIDCLogin(
            request, DatabaseToolConf(), launch_data_storage=DatabaseLaunchStorage()
        )
        return login_request.redirect(request.build_absolute_uri(reverse("lti_launch")))
    except (LtiException, OIDCException) as error:
        return _refused(request, _("The LMS's sign-in request was refused: %s") % error, 400)


def _validated_claims(message: DjangoMessageLaunch) -> Mapping[str, Any]:
    """The signed token's claims once the library has checked them.

    PyLTI1p3's message validators read claims with ``.get`` on whatever the token holds, so a
    signed token whose claim has the wrong JSON type (``resource_link: null``) raises a
    TypeError or AttributeError inside the library: that is a malformed launch, refused as one.
    """
    try:
        return message.get_launch_data()
    except (AttributeError, TypeError, KeyError, ValueError) as error:
        raise LtiException(_("a claim has the wrong shape (%s)") % type(error).__name__) from error


@csrf_exempt
@require_POST
def launch(request: HttpRequest) -> HttpResponse:
    """A resource-link or deep-linking launch: validate, match, sign in, open the page."""
    try:
        message = DjangoMessageLaunch(
            request, DatabaseToolConf(), launch_data_storage=DatabaseLaunchStorage()
        )
        claims = _validated_claims(message)
        outcome = accept_launch(claims=claims)
    except LtiException as error:
        return _refused(request, _("The launch was refused: %s") % error, 403)
    except LaunchRefused as error:
        return _refused(request, error.message, error.status)
    login(request, outcome.user, backend=BACKEND)
    if outcome.deep_linking is not None:
        request.session[DEEP_LINK_SESSION_KEY] = {
            "user_id": outcome.user.pk,
            "platform_id": outcome.platform.pk,
            "deployment_id": claims.get("https://purl.imsglobal.org/spec/lti/claim/deployment_id"),
            "settings": dict(outcome.deep_linking),
        }
    return redirect(outcome.destination)


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    """The tool's public keys, read by platforms to check what the tool signs."""
    return JsonResponse(published_key_set())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else "'none'"


def _chosen_error(chosen: list[Any], settings: dict[str, Any]) -> str:
    if not chosen:
        return _("Choose at least one activity.")
    if len(chosen) > 1 and settings.get("accept_multiple") in (False, "false"):
        return _("Your LMS takes one activity at a time here: choose one.")
    return ""


@require_http_methods(["GET", "POST"])
def deep_link(request: HttpRequest) -> HttpResponse:
    """The picker: a teacher chooses activities; the answer is a form back to the LMS."""
    platform, pending = access_deep_link(request)
    activities = visible_activities(platform).order_by("title")
    if request.method == "POST":
        chosen = list(
            activities.filter(pk__in=parse_ids(request.POST.getlist("activity"), "activity"))
        )
        error = _chosen_error(chosen, pending["settings"])
        if error:
            context = {"activities": activities, "error": error}
            return render(request, "lti/deep_link_pick.html", context, status=400)
        token = deep_link_response(
            platform=platform,
            deployment_id=str(pending["deployment_id"]),
            settings=pending["settings"],
            activities=chosen,
            launch_url=request.build_absolute_uri(reverse("lti_launch")),
        )
        del request.session[DEEP_LINK_SESSION_KEY]
        context = {
            "return_url": pending["settings"].get("deep_link_return_url", ""),
            "token": token,
            "chosen": chosen,
        }
        response = render(request, "lti/deep_link_return.html", context)
        # The page's one form posts to the LMS: let the policy's form-action allow it.
        response._csp_update = {"form-action": [_origin(context["return_url"])]}  # type: ignore[attr-defined]
        return response
    return render(request, "lti/deep_link_pick.html", {"activities": activities})
