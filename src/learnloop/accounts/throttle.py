"""Sign-in throttling: which address a sign-in attempt came from (for django-axes).

Behind a reverse proxy every request arrives from the proxy's address, so the client's
own address is read from X-Forwarded-For, counting LEARNLOOP_PROXY_COUNT proxies back
from the right (the entries a client wrote itself further left are not trusted). With
no proxy configured the header is ignored: a client could write anything there.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """None when unknown (a request built in code): the address column is typed (inet)."""
    peer = request.META.get("REMOTE_ADDR") or None
    proxies = int(getattr(settings, "LEARNLOOP_PROXY_COUNT", 0))
    if proxies <= 0:
        return peer
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies or not is_address(forwarded[-proxies]):
        return peer
    return forwarded[-proxies]


def is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The page a locked-out sign-in gets (429), on the site's sign-in page and the admin's."""
    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    context = {
        "username": (credentials or {}).get("username", ""),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
    }
    return render(request, "registration/locked_out.html", context, status=429)
