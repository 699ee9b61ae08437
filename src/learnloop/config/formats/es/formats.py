"""Spanish: "lun 7 dic", "7 de dic. de 2026", "lunes 7 de diciembre"; numbers "1.234,5".

`b` is the lower-case month abbreviation ("dic"), `N` the one with its full stop ("dic.").
The thousands separator is a full stop, the one families read in print across Spain and
most of Latin America (Django ships a no-break space); it only shows where a page asks
for grouping, since USE_THOUSAND_SEPARATOR stays off.
"""

SHORT_DAY_FORMAT = "D j b"
SHORT_DAY_TIME_FORMAT = "D j b, H:i"
DAY_MONTH_FORMAT = r"j \d\e N"
DAY_MONTH_TIME_FORMAT = r"j \d\e N, H:i"
DAY_MONTH_YEAR_FORMAT = r"j \d\e N \d\e Y"
DAY_MONTH_YEAR_TIME_FORMAT = r"j \d\e N \d\e Y, H:i"
LONG_DATE_FORMAT = r"j \d\e F \d\e Y"
LONG_DAY_FORMAT = r"l j \d\e F"
LONG_DAY_TIME_FORMAT = r"l j \d\e F \d\e Y, H:i"

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
