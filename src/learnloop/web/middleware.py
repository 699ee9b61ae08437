"""Project-wide request and response rules.

- `RequestSizeCapMiddleware` runs first in the stack and reads only the Content-Length
  header, so an oversized upload is refused (413) before a byte of its body is read or
  spooled to disk.
- `RefuseUnstorableInput` refuses at the door what no page should ever see: text the
  databases cannot store. Every query parameter, form field (names included) and JSON
  string is checked once, before any view runs; a JSON body is also parsed strictly
  (`parsing.loads_json`) and kept on the request for the view (`json_body`). A refusal
  is a 400 naming the field: a page for a browser, `{"errors": {field: message}}` for a
  JSON client. A view that reads a value with `web.parsing` and gets `BadInput` needs
  no handler of its own: `process_exception` turns it into the same 400.
- `FormOnlyAddressMiddleware` gives a browser that opens an address that only takes a
  form (a reload, a bookmark, a link copied from the address bar) a page that says so
  and leads home, instead of the blank 405 Django's `require_POST` returns.
- `NoStoreForSignedInMiddleware` marks pages for a signed-in person
  `Cache-Control: no-store`: on a shared classroom computer the next student must not
  find the last one's pages in the browser's cache or behind its Back button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape

from learnloop.web.errors import method_not_allowed, wants_json
from learnloop.web.parsing import BadInput, check_text, loads_json

Handler = Callable[[HttpRequest], HttpResponse]
JSON_BODY = "_learnloop_json_body"


def max_request_bytes() -> int:
    return int(float(settings.LEARNLOOP_MAX_REQUEST_MB) * 1024 * 1024)


def declared_length(request: HttpRequest) -> int | None:
    """The body size the client declared; None when absent or not a number."""
    raw = request.META.get("CONTENT_LENGTH") or ""
    return int(raw) if raw.strip().isdigit() else None


def too_large_response(request: HttpRequest, limit: int) -> HttpResponse:
    megabytes = limit // (1024 * 1024)
    message = (
        f"That upload is too large: a request may carry at most {megabytes} MB. "
        "Choose a smaller file, or split the work into parts."
    )
    if wants_json(request):
        response: HttpResponse = JsonResponse(
            {"error": "request_too_large", "message": message, "limit_bytes": limit}, status=413
        )
    else:
        # Plain markup: sessions and templates have not run yet, and need not.
        body = (
            '<!doctype html><html lang="en"><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Too large · LearnLoop</title><main><h1>Too large</h1>"
            f'<p>{escape(message)}</p><p><a href="/">Go to your home page</a></p></main></html>'
        )
        response = HttpResponse(body, status=413, content_type="text/html; charset=utf-8")
    # The client may still be sending; closing tells it to stop rather than reuse the socket.
    response["Connection"] = "close"
    return response


class RequestSizeCapMiddleware:
    """Refuse a request whose declared body passes LEARNLOOP_MAX_REQUEST_MB (413)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        limit = max_request_bytes()
        if length is not None and length > limit:
            return too_large_response(request, limit)
        return self.get_response(request)


class RefuseUnstorableInput:
    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            _check_fields(request.GET, "query")
            if request.content_type == "application/json":
                setattr(request, JSON_BODY, _read_json(request))
            elif request.method == "POST":
                _check_fields(request.POST, "form")
        except BadInput as error:
            return refusal(request, error)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view that parsed a value the one way and got `BadInput`: a 400 naming it."""
        return refusal(request, exception) if isinstance(exception, BadInput) else None


def json_body(request: HttpRequest) -> Any:
    """The request's JSON document, parsed strictly (by the middleware, or here)."""
    if not hasattr(request, JSON_BODY):
        setattr(request, JSON_BODY, _read_json(request))
    return getattr(request, JSON_BODY)


def refusal(request: HttpRequest, error: BadInput, status: int = 400) -> HttpResponse:
    if wants_json(request):
        return JsonResponse(error.as_json(), status=status)
    message = f"“{error.field}” {error.message}."
    context = {"status": status, "title": "Bad request", "message": message}
    return render(request, "web/error.html", context, status=status)


def _check_fields(data: QueryDict, where: str) -> None:
    for name, values in data.lists():
        field = check_text(name, where, max_length=200)
        for value in values:
            if isinstance(value, str):
                check_text(value, field)


def _read_json(request: HttpRequest) -> Any:
    limit = settings.LEARNLOOP_MAX_JSON_BODY_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise BadInput("body", f"is larger than {limit:,} bytes")
    body = request.body
    if len(body) > limit:
        raise BadInput("body", f"is larger than {limit:,} bytes")
    return loads_json(body or b"{}")


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in person."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True, max_age=0)
            patch_vary_headers(response, ["Cookie"])
        return response


class FormOnlyAddressMiddleware:
    """A page instead of a blank 405 when a browser GETs an address that takes a form.

    JSON clients and other methods keep Django's bare 405 (with its Allow header)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        wants_page = "text/html" in request.headers.get("Accept", "")
        if response.status_code != 405 or request.method != "GET" or not wants_page:
            return response
        if response.streaming or response.content:
            return response  # a view's own 405 page
        page = method_not_allowed(request)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
