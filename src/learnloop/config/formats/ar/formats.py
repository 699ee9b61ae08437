"""Arabic: day, then month name, then year, with the Arabic comma; numbers grouped by three."""

SHORT_DAY_FORMAT = "D j F"
SHORT_DAY_TIME_FORMAT = "D j F، H:i"
DAY_MONTH_FORMAT = "j F"
DAY_MONTH_TIME_FORMAT = "j F، H:i"
DAY_MONTH_YEAR_FORMAT = "j F Y"
DAY_MONTH_YEAR_TIME_FORMAT = "j F Y، H:i"
LONG_DATE_FORMAT = "j F Y"
LONG_DAY_FORMAT = "l j F"
LONG_DAY_TIME_FORMAT = "l j F Y، H:i"

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
