"""Refuse at the door what no page should ever see: text the databases cannot store.

A view that reads a value with `web.parsing` and gets `BadInput` needs no handler of
its own: `process_exception` turns it into the same 400.

Every query parameter, form field (names included) and JSON string is checked once,
here, before any view runs; a JSON body is also parsed strictly (`parsing.loads_json`)
and kept on the request for the view (`json_body`). A refusal is a 400 naming the
field: a page for a browser, `{"errors": {field: message}}` for a JSON client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render

from learnloop.web.parsing import BadInput, check_text, loads_json

JSON_BODY = "_learnloop_json_body"


class RefuseUnstorableInput:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
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
    if request.content_type == "application/json" or request.path.startswith("/learn/api/"):
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
