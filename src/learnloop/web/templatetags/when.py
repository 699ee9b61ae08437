"""Dates in words, through the catalogue: "due today", "due in 3 days", "3 days overdue"."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

register = template.Library()


def due_phrase(due_on: dt.date, today: dt.date) -> str:
    """How far `due_on` is from `today`, in the reader's language."""
    days = (due_on - today).days
    if days == 0:
        return gettext("due today")
    if days == 1:
        return gettext("due tomorrow")
    if days > 1:
        return ngettext("due in %(count)d day", "due in %(count)d days", days) % {"count": days}
    late = -days
    return ngettext("%(count)d day overdue", "%(count)d days overdue", late) % {"count": late}


@register.filter
def due(value: dt.date | dt.datetime | None) -> str:
    """`{{ action.due_on|due }}`: relative to today in the school's time zone."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return due_phrase(value, timezone.localdate())
