"""The JSON API answers in JSON when it refuses who is asking.

A fetch() or an offline client cannot follow a redirect to the sign-in page: it would
get a 200 HTML page where it expects JSON and could not tell "signed out" from "broken".
So, under `API_PREFIX`, an anonymous request is answered 401 before any view runs (and
before the CSRF check, which would otherwise answer an HTML 403), and a view that raises
`PermissionDenied` (a signed-in person who is not a student, an item not theirs) answers
403; both with the API's one error shape, `{"errors": {field: message}}`.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/learn/api/"
SIGN_IN_FIRST = "Sign in first: this API needs a signed-in session."

Handler = Callable[[HttpRequest], HttpResponse]


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def unauthorized() -> JsonResponse:
    response = JsonResponse({"errors": {"session": SIGN_IN_FIRST}}, status=401)
    # RFC 9110 asks a 401 to name a scheme; the session cookie is the only one.
    response["WWW-Authenticate"] = 'Cookie realm="LearnLoop", cookie-name="sessionid"'
    return response


def forbidden(exception: PermissionDenied) -> JsonResponse:
    message = str(exception) or "You may not use this."
    return JsonResponse({"errors": {"access": message}}, status=403)


class JsonApiAuthMiddleware:
    """401 JSON for anonymous API requests, 403 JSON for refused ones. Placed right after
    Django's AuthenticationMiddleware, which sets `request.user`."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_api_request(request) and not request.user.is_authenticated:
            return unauthorized()
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_api_request(request) and isinstance(exception, PermissionDenied):
            return forbidden(exception)
        return None
