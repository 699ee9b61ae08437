"""Relative dates come from the catalogue, with plurals: "due in 1 day", "3 days overdue"."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from learnloop.web.templatetags.when import due_phrase

TODAY = dt.date(2026, 12, 7)


def test_relative_dates_in_english() -> None:
    with translation.override("en"):
        assert due_phrase(TODAY, TODAY) == "due today"
        assert due_phrase(TODAY + dt.timedelta(days=1), TODAY) == "due tomorrow"
        assert due_phrase(TODAY + dt.timedelta(days=3), TODAY) == "due in 3 days"
        assert due_phrase(TODAY - dt.timedelta(days=1), TODAY) == "1 day overdue"
        assert due_phrase(TODAY - dt.timedelta(days=3), TODAY) == "3 days overdue"


def test_relative_dates_in_spanish() -> None:
    with translation.override("es"):
        assert due_phrase(TODAY + dt.timedelta(days=3), TODAY) == "vence en 3 días"
        assert due_phrase(TODAY - dt.timedelta(days=1), TODAY) == "1 día de retraso"
