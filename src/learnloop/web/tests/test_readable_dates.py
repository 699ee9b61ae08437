"""Dates a person reads come from the language's named formats, never a fixed order.

Each language's formats live in learnloop/config/formats/<lang>/formats.py (Django's
FORMAT_MODULE_PATH). A template asks for one by name (`|date:"SHORT_DAY_FORMAT"`) and
Python through learnloop.core.readable; a fixed pattern such as "D j M" would read in
English order on a Spanish or Arabic page. Machine formats (ISO in attributes, the
`datetime` of a <time>) are the allow-list.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone, translation

from learnloop.config.formats import READABLE_DATE_FORMATS
from learnloop.core import readable

PACKAGE = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    path for suffix in ("html", "txt") for path in PACKAGE.glob(f"*/templates/**/*.{suffix}")
)
DATE_FILTER = re.compile(r"""\|date:(["'])(?P<format>[^"']*)\1""")
# Formats for machines, never for a person: ISO 8601 and the date of a <time datetime>.
MACHINE_FORMATS = frozenset({"c", "Y-m-d", "U"})
DJANGO_NAMED = frozenset(
    {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT",
     "MONTH_DAY_FORMAT", "YEAR_MONTH_FORMAT", "TIME_FORMAT"}
)  # fmt: skip
PYTHON_FORMAT = re.compile(
    r"""(?:date_format|dateformat\.format|time_format)\([^()]*?,\s*["'](?P<format>[^"']*)["']"""
    r"""|\.(?P<format_method>strftime)\("""
)
SAMPLE = dt.datetime(2026, 12, 7, 14, 5, tzinfo=dt.UTC)


def fixed_date_formats(text: str) -> list[str]:
    """The `|date:` formats in a template that are neither named nor for machines."""
    return [
        found["format"]
        for found in DATE_FILTER.finditer(text)
        if found["format"] not in MACHINE_FORMATS
        and found["format"] not in DJANGO_NAMED
        and found["format"] not in READABLE_DATE_FORMATS
    ]


def test_the_scan_finds_a_fixed_order_and_lets_machine_formats_pass() -> None:
    text = """<time datetime="{{ d|date:'c' }}">{{ d|date:"D j M" }}</time>{{ d|date:'Y-m-d' }}"""
    assert fixed_date_formats(text) == ["D j M"]
    assert fixed_date_formats('{{ d|date:"SHORT_DAY_FORMAT" }}') == []


def test_the_scan_sees_the_templates() -> None:
    assert len(TEMPLATES) > 100


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_template_writes_a_fixed_date_order(path: Path) -> None:
    assert fixed_date_formats(path.read_text()) == []


def test_the_python_scan_finds_a_fixed_order() -> None:
    found = PYTHON_FORMAT.search('day = date_format(goal.target_on, "M j")')
    assert found is not None and found["format"] == "M j"
    assert PYTHON_FORMAT.search("moment.strftime('%d %b')") is not None


def test_no_python_module_writes_a_fixed_date_order() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}: {found.group(0)}"
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
        for found in PYTHON_FORMAT.finditer(path.read_text())
        if found["format_method"] or fixed_date_formats(f'|date:"{found["format"]}"')
    ]
    assert offenders == []


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_language_names_every_readable_format(language: str) -> None:
    module = importlib.import_module(f"learnloop.config.formats.{language}.formats")
    missing = [name for name in READABLE_DATE_FORMATS if not getattr(module, name, "")]
    assert missing == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Mon 7 Dec", "7 Dec", "7 Dec 2026", "7 December 2026", "Mon 7 Dec, 14:05"]),
        ("es", ["lun 7 dic", "7 de dic.", "7 de dic. de 2026", "7 de diciembre de 2026",
                "lun 7 dic, 14:05"]),
        ("ar", ["إثنين 7 ديسمبر", "7 ديسمبر", "7 ديسمبر 2026", "7 ديسمبر 2026",
                "إثنين 7 ديسمبر، 14:05"]),
    ],
)  # fmt: skip
def test_each_format_reads_in_the_language_order(language: str, expected: list[str]) -> None:
    with translation.override(language), timezone.override(dt.UTC):
        assert [
            readable.short_day(SAMPLE),
            readable.day_month(SAMPLE),
            readable.day_month_year(SAMPLE),
            readable.long_date(SAMPLE),
            readable.in_format(SAMPLE, "SHORT_DAY_TIME_FORMAT"),
        ] == expected
        template = Template('{{ when|date:"SHORT_DAY_FORMAT" }}')
        assert template.render(Context({"when": SAMPLE})) == expected[0]


def test_spanish_months_are_abbreviated_alike_all_year() -> None:
    with translation.override("es"):
        months = [readable.day_month(dt.date(2027, month, 15)) for month in range(1, 13)]
    assert months[0] == "15 de ene." and months[4] == "15 de may."
    assert all(re.fullmatch(r"15 de [a-zé]{3}\.", month) for month in months), months


def test_python_dates_are_in_the_school_time_zone() -> None:
    late = dt.datetime(2026, 12, 8, 2, 30, tzinfo=dt.UTC)  # still the 7th in New York
    with translation.override("en"), timezone.override("America/New_York"):
        assert readable.in_format(late, "SHORT_DAY_TIME_FORMAT") == "Mon 7 Dec, 21:30"


@pytest.mark.parametrize(
    ("language", "count", "share"), [("en", "1,234", "2.5"), ("es", "1.234", "2,5")]
)
def test_numbers_a_person_reads_are_grouped_in_the_language(
    language: str, count: str, share: str
) -> None:
    with translation.override(language):
        assert readable.grouped(1234) == count
        assert readable.grouped(2.5) == share
        rendered = Template("{% load humanize %}{{ n|intcomma }} {{ n }}").render(
            Context({"n": 1234})
        )
        assert rendered == f"{count} 1234"  # grouped only where asked: ids stay plain
