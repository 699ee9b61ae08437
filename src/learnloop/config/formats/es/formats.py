"""Spanish: "lun 7 dic", "7 de dic. de 2026", "lunes 7 de diciembre"; numbers "1.234,5".

`b` is the lower-case three-letter month ("dic"); with a full stop it is the usual
abbreviation ("7 de dic."). Django's `N` is not used: its Spanish catalogue writes
"Ene." and "Feb." with capitals but "marzo" in full.
The thousands separator is a full stop, as written in Spain and much of South America
(Django ships a no-break space; Mexico writes "1,234": a regional catalogue such as es-MX
would get its own module). It only shows where a page asks for grouping, since
USE_THOUSAND_SEPARATOR stays off.
"""

SHORT_DAY_FORMAT = "D j b"
SHORT_DAY_TIME_FORMAT = "D j b, H:i"
DAY_MONTH_FORMAT = r"j \d\e b."
DAY_MONTH_TIME_FORMAT = r"j \d\e b., H:i"
DAY_MONTH_YEAR_FORMAT = r"j \d\e b. \d\e Y"
DAY_MONTH_YEAR_TIME_FORMAT = r"j \d\e b. \d\e Y, H:i"
LONG_DATE_FORMAT = r"j \d\e F \d\e Y"
LONG_DAY_FORMAT = r"l j \d\e F"
LONG_DAY_TIME_FORMAT = r"l j \d\e F \d\e Y, H:i"

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
