"""Project-wide response rules: a request-size cap, and no caching of signed-in pages.

The size cap runs first in the stack and reads only the Content-Length header, so an
oversized upload is refused before a byte of its body is read or spooled to disk. Pages
for a signed-in person are marked `Cache-Control: no-store`: on a shared classroom
computer the next student must not find the last one's pages in the browser's cache or
behind its Back button.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import escape

Handler = Callable[[HttpRequest], HttpResponse]


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
    if request.path.startswith("/api/") or "json" in request.META.get("HTTP_ACCEPT", ""):
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
