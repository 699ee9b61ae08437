"""Dates and numbers a person reads, in the active language's format.

The formats themselves live in one place per language (learnloop/config/formats/<lang>/
formats.py, Django's FORMAT_MODULE_PATH); templates name them directly
(`{{ when|date:"SHORT_DAY_FORMAT" }}`) and Python code calls these functions, which
also turn an aware datetime into the active time zone (the school's, web/locale.py) as
the template filter does. Machine formats (ISO, CSV, JSON) never come here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format

Moment = dt.date | dt.datetime


def _local(value: Moment) -> Moment:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def in_format(value: Moment, format_name: str) -> str:
    """`value` in the active language's named format (one of READABLE_DATE_FORMATS)."""
    return date_format(_local(value), format_name)


def short_day(value: Moment) -> str:
    """ "Mon 7 Dec" / "lun 7 dic"."""
    return in_format(value, "SHORT_DAY_FORMAT")


def day_month(value: Moment) -> str:
    """ "7 Dec" / "7 de dic."."""
    return in_format(value, "DAY_MONTH_FORMAT")


def day_month_year(value: Moment) -> str:
    """ "7 Dec 2026" / "7 de dic. de 2026"."""
    return in_format(value, "DAY_MONTH_YEAR_FORMAT")


def long_date(value: Moment) -> str:
    """ "7 December 2026" / "7 de diciembre de 2026"."""
    return in_format(value, "LONG_DATE_FORMAT")


def grouped(value: int | float | Decimal, decimal_places: int | None = None) -> str:
    """A number a person reads, with the language's thousands separator and decimal mark.

    Grouped here and not site-wide: USE_THOUSAND_SEPARATOR stays off so that ids and
    numbers in URLs and form values are never grouped.
    """
    return number_format(value, decimal_places, use_l10n=True, force_grouping=True)
