"""Each person's language and time zone, activated for their request.

Django's LocaleMiddleware has already picked a language from the switcher's cookie or
the browser's Accept-Language (that is all the sign-in page has). A signed-in person who
chose a language reads in it on every device; their school's time zone, remembered in the
session when they signed in (accounts.signals), turns every date and time on the page
into the school's local time instead of UTC.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation

from learnloop.accounts.models import GuardianLink, User

SESSION_TIME_ZONE_KEY = "learnloop_time_zone"


def supported_language(code: str) -> bool:
    return code in {language for language, _name in settings.LANGUAGES}


def time_zone_named(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone an IANA name names, or None for a blank or unknown name."""
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class PersonLocaleMiddleware:
    """After authentication: the person's chosen language and their school's time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None else ""
        if chosen and supported_language(chosen):
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen  # type: ignore[attr-defined]
        zone = time_zone_named(request.session.get(SESSION_TIME_ZONE_KEY, ""))
        if zone is not None:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def school_time_zone_for(user: User) -> str:
    """The time zone of `user`'s school; a guardian's is their first linked child's."""
    if user.school_id is not None:
        return user.school.time_zone  # type: ignore[union-attr]
    link = (
        GuardianLink.objects.filter(guardian_id=user.pk, student__school__isnull=False)
        .select_related("student__school")
        .order_by("pk")
        .first()
    )
    return link.student.school.time_zone if link is not None else ""  # type: ignore[union-attr]


@receiver(user_logged_in, dispatch_uid="learnloop.web.locale.remember_time_zone")
def remember_time_zone(
    sender: object, request: HttpRequest | None, user: User, **kwargs: object
) -> None:
    """Read the school's zone once, at sign-in, so that no page pays a query for it."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_TIME_ZONE_KEY] = school_time_zone_for(user)
