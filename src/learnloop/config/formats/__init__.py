"""Per-language date and number formats (Django's FORMAT_MODULE_PATH).

Each language's module names the same readable date formats, so a template writes
`{{ when|date:"SHORT_DAY_FORMAT" }}` and Python calls `learnloop.core.dates.short_day(when)`
and the reader gets their language's order: "Mon 7 Dec" in English, "lun 7 dic" in
Spanish. Machine formats (ISO in attributes, CSV, JSON) never go through these names.
Django's own formats for each language (DATE_FORMAT, ...) stay as Django ships them
unless a module below overrides one. docs/development.md, "Translating".
"""

READABLE_DATE_FORMATS = (
    "SHORT_DAY_FORMAT",
    "SHORT_DAY_TIME_FORMAT",
    "DAY_MONTH_FORMAT",
    "DAY_MONTH_TIME_FORMAT",
    "DAY_MONTH_YEAR_FORMAT",
    "DAY_MONTH_YEAR_TIME_FORMAT",
    "LONG_DATE_FORMAT",
    "LONG_DAY_FORMAT",
    "LONG_DAY_TIME_FORMAT",
)
