"""The error pages: Django's handlers (400, 403, 404, 500), the CSRF failure view, and
the page for an address that only takes a form (405). Plain pages from one template
(web/error.html), importing nothing of LearnLoop's apps, so that middleware may use them.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from learnloop.core.redirects import safe_next


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        _error(400, gettext("That request could not be read.")),
        status=400,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = _error(403, gettext("You do not have access to this page."))
    return render(request, "web/error.html", context, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = _error(
        404, gettext("We could not find that page. It may have moved, or the link is wrong.")
    )
    return render(request, "web/error.html", context, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    context = _error(
        500, gettext("Something went wrong on our side. Your work is saved; try again.")
    )
    return render(request, "web/error.html", context, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form refused because its security token no longer matches (settings:
    CSRF_FAILURE_VIEW): the sign-in page open too long, sent from another tab, or after
    someone else signed in or out on a shared computer. Nothing was saved. The sign-in
    form is simply shown again with a word; any other form gets a page that says what
    to do instead of Django's technical one."""
    if wants_json(request):
        message = gettext("The request's security token did not match: reload and try again.")
        return JsonResponse({"errors": {"csrf": [message]}}, status=403)
    if request.path == reverse("login"):
        messages.warning(request, gettext("That sign-in page had expired. Sign in again."))
        return redirect(_sign_in_again(request))
    context = _error(
        403,
        gettext(
            "This form had expired or was sent from another window, so nothing was saved. "
            "Go back, reload the page, and send it again."
        ),
    )
    context["title"] = gettext("Form expired")
    return render(request, "web/error.html", context, status=403)


def _sign_in_again(request: HttpRequest) -> str:
    """The sign-in page, keeping where the person was going (the form's `next`, when it
    is a path on this site)."""
    target = safe_next(request.POST.get("next") or request.GET.get("next") or "", "")
    return reverse("login") + ("?" + urlencode({"next": target}, safe="/") if target else "")


def wants_json(request: HttpRequest) -> bool:
    """A JSON client, not a browser: it sent JSON, asked for JSON and not a page, or
    called an API address. Every error that answers both ways asks this."""
    accept = request.headers.get("Accept", "")
    return (
        request.content_type == "application/json"
        or request.path.startswith(("/api/", "/learn/api/"))
        or ("json" in accept and "text/html" not in accept)
    )


def method_not_allowed(request: HttpRequest) -> HttpResponse:
    """An address that saves a form, opened as a page (web.middleware)."""
    context = _error(
        405,
        gettext(
            "This address saves a form and has no page of its own. Go back and use the "
            "form, or start again from your home page."
        ),
    )
    return render(request, "web/error.html", context, status=405)


def _error(status: int, message: str) -> dict[str, object]:
    titles = {
        400: gettext("Bad request"),
        403: gettext("Not allowed"),
        404: gettext("Page not found"),
        405: gettext("Nothing to show here"),
        500: gettext("Server error"),
    }
    return {"status": status, "title": titles[status], "message": message}
