"""Typed math text before sympy: normalizing it, and reading plain numbers exactly.

Pure (standard library only). Most math answers and most keys are plain numbers: `7`,
`-3/4`, `0.25`, `50%`. Those compare exactly as fractions (`fractions.Fraction`), with the
same verdict `math_answers` (sympy) gives, so a server process only imports sympy (tens
of MB a worker) for real expressions: `x+1`, `sqrt(2)`, `y = 2x`.

`normalize` is the first step of `math_answers.read_math` too, so both paths read the
same text and the normalized answer a student sees back is the same.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from learnloop.content.math_latex import from_latex

#: same caps as math_answers: text past them goes to sympy, which gives the error
MAX_LENGTH = 200
#: a digit run this long or longer is left to sympy (its own cap is 60 digits)
MAX_PLAIN_DIGITS = 30

_PLAIN_SYMBOLS = {
    "\u00d7": "*",  # multiplication sign
    "\u00b7": "*",  # middle dot
    "\u22c5": "*",  # dot operator
    "\u00f7": "/",  # division sign
    "\u2212": "-",  # minus sign
    "\u03c0": " pi ",  # Greek small letter pi
    "\u221a": "sqrt",  # square root sign
    "\u00b2": "^2",
    "\u00b3": "^3",
}
_ABSOLUTE = re.compile(r"\|([^|]+)\|")
#: an unsigned decimal as Python reads it: no leading zeros (Python reads `05` as two
#: tokens), no exponent, no digit separators
_UNSIGNED = r"(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+"
#: sign? ( number ( / sign? number )? ) with at most one pair of brackets round the
#: fraction, which is how `_normalize` writes a percentage: `-(50/100)`
_PLAIN = re.compile(
    rf"(?P<sign>[+-])? ?(?P<open>\()?(?P<num>{_UNSIGNED})"
    rf"(?: ?/ ?(?P<den_sign>[+-])? ?(?P<den>{_UNSIGNED}))?(?P<close>\))?"
)
_DIGIT_RUN = re.compile(r"\d+")


def normalize(raw: str) -> str:
    """Unicode, LaTeX, |x|, thousands commas, percentages and spaces, made plain."""
    text = unicodedata.normalize("NFKC", raw).strip()
    for symbol, plain in _PLAIN_SYMBOLS.items():
        text = text.replace(symbol, plain)
    text = from_latex(text) if any(mark in text for mark in "\\${") else text
    text = _ABSOLUTE.sub(r"abs(\1)", text)
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)  # 1,234 is one thousand two hundred ...
    text = re.sub(r"(\d+(?:\.\d+)?)\s*%", r"(\1/100)", text)
    return " ".join(text.split())


def plain_number(text: str) -> Fraction | None:
    """The exact value of normalized text that is only a number, else None.

    None means "ask sympy": an expression, something unreadable, a zero denominator or
    a number too long. A value returned here is what sympy would read, exactly.
    """
    if len(text) > MAX_LENGTH:
        return None
    found = _PLAIN.fullmatch(text)
    if found is None or bool(found["open"]) != bool(found["close"]):
        return None
    if found["open"] and found["den"] is None:
        return None  # "(5)": fine for sympy, rare enough to leave to it
    if any(len(run) >= MAX_PLAIN_DIGITS for run in _DIGIT_RUN.findall(text)):
        return None
    value = _decimal(found["num"])
    if found["den"] is not None:
        denominator = _decimal(found["den"])
        if denominator == 0:
            return None  # sympy says why: it divides by zero
        value /= -denominator if found["den_sign"] == "-" else denominator
    return -value if found["sign"] == "-" else value


def _decimal(text: str) -> Fraction:
    whole, _, decimals = text.partition(".")
    return Fraction(int(whole or "0")) + (
        Fraction(int(decimals), 10 ** len(decimals)) if decimals else 0
    )
