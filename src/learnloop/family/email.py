"""The digest email: plain text and HTML, in the guardian's language and their child's
school's time zone (as the pages read), with a one-click unsubscribe link (a signed
token, no sign-in) and the List-Unsubscribe headers that let a mail app offer the same
(RFC 8058)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, tzinfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from learnloop.accounts.models import User
from learnloop.family.digest import ChildDigest
from learnloop.family.models import DigestPreference
from learnloop.family.tokens import unsubscribe_token


def digest_language(guardian: User) -> str:
    """The guardian's own language when they chose one (accounts' `language`), else the site's."""
    return getattr(guardian, "language", "") or settings.LANGUAGE_CODE


def digest_time_zone(children: list[ChildDigest]) -> tzinfo:
    """The first child's school's zone (a job has no signed-in session to read it from)."""
    for child in children:
        school = child.student.school
        if school is not None and school.time_zone:
            try:
                return zoneinfo.ZoneInfo(school.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                continue
    return timezone.get_default_timezone()


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if settings.SITE_URL else path


def digest_message(
    guardian: User, preference: DigestPreference, children: list[ChildDigest], now: datetime
) -> EmailMultiAlternatives:
    language = digest_language(guardian)
    unsubscribe = absolute(reverse("family_unsubscribe", args=[unsubscribe_token(guardian)]))
    with translation.override(language), timezone.override(digest_time_zone(children)):
        names = ", ".join(child.first_name for child in children)
        subject = ngettext(
            "%(names)s's week on LearnLoop",
            "%(names)s: the week on LearnLoop",
            len(children),
        ) % {"names": names}
        context = {
            "guardian": guardian, "children": children, "preference": preference, "now": now,
            "unsubscribe_url": unsubscribe,
            "preferences_url": absolute(reverse("family_digest_preferences")),
            "site_url": settings.SITE_URL, "language": language,
        }  # fmt: skip
        text = render_to_string("family/email/digest.txt", context)
        html = render_to_string("family/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[guardian.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message
