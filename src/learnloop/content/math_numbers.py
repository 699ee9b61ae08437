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
#: an unsigned decimal as Python reads it (leading zeros are checked after: Python reads
#: `05` as two tokens), no exponent, no digit separators; then brackets, signs and `/`
_TOKEN = re.compile(r"\s*(?:(?P<number>\d+(?:\.\d*)?|\.\d+)|(?P<op>[-+/()]))")
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

    A number is a decimal, signed or not, divided by others, with any brackets: `7`,
    `-3/4`, `3/-4`, `(50/100)` (a percentage), `(((11))/((7)))` (what `\\frac{11}{7}`
    normalizes to). None means "ask sympy": an expression, something unreadable, a
    division by zero or a number too long. A value returned is what sympy reads, exactly.
    """
    if len(text) > MAX_LENGTH or not text:
        return None
    if any(len(run) >= MAX_PLAIN_DIGITS for run in _DIGIT_RUN.findall(text)):
        return None
    tokens = _tokens(text)
    if tokens is None:
        return None
    parser = _Parser(tokens)
    value = parser.quotient()
    return value if value is not None and parser.at == len(tokens) else None


def _tokens(text: str) -> list[str] | None:
    tokens: list[str] = []
    at = 0
    while at < len(text):
        found = _TOKEN.match(text, at)
        if found is None:
            return None
        number = found["number"]
        if number is not None and len(number.partition(".")[0]) > 1 and number[0] == "0":
            return None  # `05`: sympy decides what it makes of that
        tokens.append(number if number is not None else found["op"])
        at = found.end()
    return tokens


class _Parser:
    """quotient := signed ("/" signed)*; signed := [+-]? atom; atom := number | ( quotient )

    Python's precedence, as sympy reads it: a sign binds tighter than `/`, and `/` goes
    left to right. One sign at most (`--3` is left to sympy).
    """

    def __init__(self, tokens: list[str]) -> None:
        self.tokens, self.at = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def quotient(self) -> Fraction | None:
        value = self.signed()
        while value is not None and self.peek() == "/":
            self.at += 1
            divisor = self.signed()
            if divisor is None or divisor == 0:
                return None  # sympy says why: it divides by zero
            value /= divisor
        return value

    def signed(self) -> Fraction | None:
        sign = self.peek()
        if sign in ("+", "-"):
            self.at += 1
        value = self.atom()
        return -value if value is not None and sign == "-" else value

    def atom(self) -> Fraction | None:
        token = self.peek()
        self.at += 1
        if token == "(":
            value = self.quotient()
            if self.peek() != ")":
                return None
            self.at += 1
            return value
        if token is None or token in "+-/()":
            return None
        return _decimal(token)


def _decimal(text: str) -> Fraction:
    whole, _, decimals = text.partition(".")
    return Fraction(int(whole or "0")) + (
        Fraction(int(decimals), 10 ** len(decimals)) if decimals else 0
    )
