"""Read a typed math answer and compare it with a key for mathematical equivalence.

Pure (sympy, no Django). A student types math the way a phone lets them: `1/2`, `0.5`,
`3(x-2)`, `x^2`, `sqrt(2)`, `pi`, or the LaTeX a textbook shows (`\\frac{1}{2}`); keys
imported from OATutor come in either form too.

Safety: sympy's `parse_expr` ends in `eval`, so nothing reaches it unchecked. The text is
capped in length, must be made of digits, letters, operators, brackets and spaces only,
every name must be a single-letter variable or one of the few functions below, and the
globals `parse_expr` evaluates in hold only sympy constructors (no builtins). The parsed
tree is then bounded (nodes, digits, exponent sizes) before sympy evaluates anything, and
equivalence is decided by exact expansion or, failing that, numeric sampling at fixed
points, each step under a time budget, so no answer can keep a request busy.

Equivalence rules (docs/content.md repeats them for authors):
- numbers compare by exact value: `1/2`, `0.5`, `2/4` and `50%`... are the same number
  (decimals are read exactly, so `0.333` is not `1/3`);
- expressions compare by value for every value of their variables: `x+1` equals `1+x`;
- with `any_form=False` the answer must also be written in the key's form, up to the
  order of terms and the arithmetic of plain numbers: `3(x-2)` does not match `3x-6`.
"""

from __future__ import annotations

import operator
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy
from sympy.parsing.sympy_parser import (
    TokenError,
    auto_number,
    auto_symbol,
    convert_xor,
    implicit_multiplication,
    parse_expr,
    rationalize,
)

from learnloop.content.math_numbers import MAX_LENGTH, normalize


def _(text: str) -> str:
    """`text` in the reader's language. Imported here, not at the top: grading stays
    importable without Django settings, and only a refusal needs the catalogue."""
    from django.utils.translation import gettext

    return gettext(text)


#: what sympy may raise on text that passed our checks but is still not math
_SYMPY_ERRORS = (
    SyntaxError,
    TokenError,
    TypeError,
    ValueError,
    NameError,
    AttributeError,
    ArithmeticError,
    IndexError,
    RecursionError,
)
#: letters run together up to this length are variables multiplied (xy, abc); longer
#: runs are words, refused so that a typed sentence is not read as a product
MAX_SPLIT_NAME = 3
MAX_NODES = 150
MAX_DIGITS = 60
_TOO_MANY_DIGITS = 10**MAX_DIGITS  # the least integer with more than MAX_DIGITS digits
MAX_EXPONENT = 64
MAX_SYMBOLIC_EXPONENT = 16
TIME_BUDGET_SECONDS = 0.5
SAMPLE_POINTS = (
    Fraction(7, 10),
    Fraction(13, 7),
    Fraction(-5, 3),
    Fraction(29, 11),
    Fraction(3, 17),
)

_FUNCTIONS: dict[str, Any] = {
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "ln": sympy.log,
    "log": sympy.log,
    "exp": sympy.exp,
}
_CONSTANTS: dict[str, Any] = {"pi": sympy.pi, "e": sympy.E}
_TRANSFORMATIONS = (auto_symbol, auto_number, rationalize, convert_xor, implicit_multiplication)
_GLOBALS: dict[str, Any] = {
    "__builtins__": {},
    "Symbol": sympy.Symbol,
    "Integer": sympy.Integer,
    "Float": sympy.Float,
    "Rational": sympy.Rational,
    "Add": sympy.Add,
    "Mul": sympy.Mul,
    "Pow": sympy.Pow,
    **_FUNCTIONS,
    **_CONSTANTS,
}
_GREEK = {"theta", "alpha", "beta"}
#: "f(x) =" before an answer names the function; the answer is what follows
_FUNCTION_NOTATION = re.compile(r"^\s*[A-Za-z]\s*\(\s*[A-Za-z]\s*\)\s*=")
#: a variable before a bracket multiplies it: x(y+1) is x*(y+1), not a function call
_LETTER_BRACKET = re.compile(r"(?<![A-Za-z])([A-Za-z])\s*\(")
#: a dot is a decimal point only: never attribute access on what parse_expr builds
_ATTRIBUTE = re.compile(r"[A-Za-z)]\s*\.|\.\s*[A-Za-z(]")
#: Python reads 8j as an imaginary number; on paper it is 8 times j
_DIGIT_J = re.compile(r"(\d)\s*([jJ])")
#: √2 and √x typed without a bracket
_BARE_ROOT = re.compile(r"sqrt\s*(\d+(?:\.\d+)?|[A-Za-z](?![A-Za-z(]))")
#: x2 is x times 2 (Python would read one name)
_LETTER_DIGIT = re.compile(r"(?<![A-Za-z\d.])([A-Za-z])(\d)")
_ALLOWED = re.compile(r"[0-9A-Za-z+\-*/^().,=%\s]*")
_NAME = re.compile(r"[A-Za-z]+")


class MathInputError(ValueError):
    """The text is not math we can read; the message says why, for the student."""


@dataclass(frozen=True)
class MathValue:
    """A parsed answer: its value (evaluated) and its written form (unevaluated)."""

    value: Any
    form: Any
    text: str


def read_math(raw: str, *, deadline: float | None = None) -> MathValue:
    """Parse a typed answer or key; MathInputError says why when it cannot be read."""
    text = normalize(raw)
    if not text:
        raise MathInputError(_("Please type an answer."))
    if len(text) > MAX_LENGTH:
        raise MathInputError(
            _("That answer is too long: keep it under %(limit)d characters.")
            % {"limit": MAX_LENGTH}
        )
    if "\\" in text or not _ALLOWED.fullmatch(text) or _ATTRIBUTE.search(text):
        raise MathInputError(_unreadable(raw))
    text = _FUNCTION_NOTATION.sub("", text)
    for name in _NAME.findall(text):
        if len(name) > MAX_SPLIT_NAME and not _known_name(name):
            raise MathInputError(
                _(
                    "“%(name)s” is not something we can read as math: use letters for "
                    "variables (xy is x times y) and sqrt, pi, sin, cos, tan, ln, log, abs."
                )
                % {"name": name[:20]}
            )
    text = _NAME.sub(_split_name, text)
    text = _LETTER_BRACKET.sub(r"\1*(", text)
    text = _DIGIT_J.sub(r"\1*\2", text)
    text = _BARE_ROOT.sub(r"sqrt(\1)", text)
    text = _LETTER_DIGIT.sub(r"\1*\2", text)
    if text.count("(") != text.count(")"):
        raise MathInputError(_("Check your brackets: each ( needs a matching )."))
    if text.count("=") > 1:
        raise MathInputError(_("Type at most one = sign."))
    form = _parse(text, evaluate=False)
    _check_size(form)
    _check_time(deadline)
    value = _parse(text, evaluate=True)
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        raise MathInputError(_("That answer divides by zero."))
    return MathValue(value=value, form=form, text=text)


def equivalent(answer: MathValue, key: MathValue, *, any_form: bool = True) -> bool:
    """Whether the answer is the key's value (and, unless any_form, in the key's form).

    Raises TimeoutError past the time budget; a comparison sympy cannot make is False.
    """
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    answer_value, key_value = _solved_for(answer.value, key.value)
    try:
        if isinstance(answer_value, sympy.Equality) or isinstance(key_value, sympy.Equality):
            same = _equations_match(answer_value, key_value, deadline)
        else:
            same = _same_value(answer_value, key_value, deadline)
        if not same or any_form:
            return same
        answer_form, key_form = _solved_for(answer.form, key.form)
        return bool(_form_key(answer_form) == _form_key(key_form))
    except _SYMPY_ERRORS:
        return False


def _solved_for(answer: Any, key: Any) -> tuple[Any, Any]:
    """`y = 2x+1` and `2x+1` say the same when only one side names the unknown."""
    if isinstance(key, sympy.Equality) and not isinstance(answer, sympy.Equality):
        return answer, key.rhs if key.lhs.is_Symbol else key
    if isinstance(answer, sympy.Equality) and not isinstance(key, sympy.Equality):
        return (answer.rhs if answer.lhs.is_Symbol else answer), key
    return answer, key


def _known_name(name: str) -> bool:
    return name in _FUNCTIONS or name in _CONSTANTS or name in _GREEK


def _split_name(match: re.Match[str]) -> str:
    """`xy` is x times y, as on paper; function names, pi and Greek letters stay whole."""
    name = match.group(0)
    if _known_name(name) or len(name) == 1:
        return name
    for known in sorted((*_FUNCTIONS, *_CONSTANTS), key=len, reverse=True):
        if name.endswith(known) and len(name) > len(known):
            return "*".join(name[: -len(known)]) + "*" + known
    return "*".join(name)


def _unreadable(raw: str) -> str:
    shown = raw.strip()[:40]
    return _(
        "We could not read “%(answer)s” as math. Type numbers and letters with + - * / ^ "
        "and brackets, like 3/4, 2(x+1) or x^2, or use the math keys."
    ) % {"answer": shown}


def _parse(text: str, *, evaluate: bool) -> Any:
    local: dict[str, Any] = {}
    try:
        if "=" in text:
            left, right = text.split("=")
            return sympy.Eq(
                _parse_side(left, local, evaluate),
                _parse_side(right, local, evaluate),
                evaluate=False,
            )
        return _parse_side(text, local, evaluate)
    except MathInputError:
        raise
    except _SYMPY_ERRORS as error:
        raise MathInputError(_unreadable(text)) from error


def _parse_side(text: str, local: dict[str, Any], evaluate: bool) -> Any:
    if not text.strip():
        raise MathInputError(_("Type something on both sides of the = sign."))
    expr = parse_expr(
        text,
        local_dict=local,
        global_dict=_GLOBALS,
        transformations=_TRANSFORMATIONS,
        evaluate=evaluate,
    )
    if not isinstance(expr, sympy.Basic):
        raise MathInputError(_unreadable(text))
    return expr


def _check_size(form: Any) -> None:
    for nodes, node in enumerate(sympy.preorder_traversal(form), start=1):
        if nodes > MAX_NODES:
            raise MathInputError(_("That answer is too long to check: simplify it first."))
        # Compared as numbers: text of a huge integer raises past Python's digit limit.
        if node.is_Integer and abs(int(node)) >= _TOO_MANY_DIGITS:
            raise MathInputError(_("That number is too big to check."))
        if node.is_Pow:
            _check_exponent(node)


def _check_exponent(power: Any) -> None:
    exponent = power.exp
    if exponent.free_symbols:
        return
    if not exponent.is_Number:
        if exponent.has(sympy.Pow) and not _is_simple_reciprocal(exponent):
            raise MathInputError(_("Powers of powers are too big to check: simplify first."))
        exponent = exponent.doit()
    # A sum raised to a power expands term by term: that is what must stay small.
    cap = MAX_SYMBOLIC_EXPONENT if power.base.has(sympy.Add) else MAX_EXPONENT
    if exponent.is_number and abs(exponent) > cap:
        raise MathInputError(_("Keep powers at %(cap)s or below.") % {"cap": cap})


def _is_simple_reciprocal(exponent: Any) -> bool:
    """1/3 written as 1*3^-1 (how an unevaluated fraction reads) is a fine exponent."""
    powers = exponent.atoms(sympy.Pow)
    return all(power.base.is_Number and power.exp == -1 for power in powers)


def _check_time(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise MathInputError(_("That answer took too long to check: simplify it first."))


def _same_value(answer: Any, key: Any, deadline: float) -> bool:
    difference = answer - key
    if not difference.free_symbols:
        return _is_zero_number(difference)
    expanded = sympy.expand(difference)
    if expanded == 0:
        return True
    _check_deadline_or(deadline)
    return _zero_at_samples(difference, deadline)


def _equations_match(answer: Any, key: Any, deadline: float) -> bool:
    if not (isinstance(answer, sympy.Equality) and isinstance(key, sympy.Equality)):
        return False
    forward = _same_value(answer.lhs, key.lhs, deadline) and _same_value(
        answer.rhs, key.rhs, deadline
    )
    return forward or (
        _same_value(answer.lhs, key.rhs, deadline) and _same_value(answer.rhs, key.lhs, deadline)
    )


def _is_zero_number(value: Any) -> bool:
    if value == 0:
        return True
    numeric = sympy.N(value, 30)
    return bool(numeric.is_number and abs(complex(numeric)) < 1e-20)


def _zero_at_samples(difference: Any, deadline: float) -> bool:
    symbols = sorted(difference.free_symbols, key=lambda s: s.name)
    checked = 0
    for offset, _ in enumerate(SAMPLE_POINTS):
        _check_deadline_or(deadline)
        point = {
            symbol: SAMPLE_POINTS[(offset + index) % len(SAMPLE_POINTS)]
            for index, symbol in enumerate(symbols)
        }
        value = complex(difference.evalf(30, subs={s: sympy.Rational(v) for s, v in point.items()}))
        if value != value:  # nan: outside the domain at this point
            continue
        checked += 1
        if abs(value) > 1e-12:
            return False
    return checked >= 3


def _check_deadline_or(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise TimeoutError


def _form_key(expr: Any) -> Any:
    """A written form up to term order and the arithmetic of plain numbers."""
    if not expr.free_symbols:
        return ("number", sympy.nsimplify(expr.doit()) if expr.has(sympy.Float) else expr.doit())
    if isinstance(expr, sympy.Equality):
        return ("eq", frozenset({_form_key(expr.lhs), _form_key(expr.rhs)}))
    if expr.is_Add or expr.is_Mul:
        return _commutative_key(expr)
    if expr.is_Symbol:
        return ("symbol", expr.name)
    return (type(expr).__name__, tuple(_form_key(arg) for arg in expr.args))


def _commutative_key(expr: Any) -> Any:
    operation: Callable[[Any, Any], Any] = operator.add if expr.is_Add else operator.mul
    kind = "add" if expr.is_Add else "mul"
    constant = sympy.Integer(0 if expr.is_Add else 1)
    terms: list[Any] = []
    stack = list(expr.args)
    while stack:
        arg = stack.pop()
        if (arg.is_Add and expr.is_Add) or (arg.is_Mul and expr.is_Mul):
            stack.extend(arg.args)
        elif not arg.free_symbols:
            constant = operation(constant, arg.doit())
        else:
            terms.append(_form_key(arg))
    parts = sorted(terms, key=repr)
    identity = 0 if expr.is_Add else 1
    if constant != identity:
        parts.append(("number", sympy.nsimplify(constant)))
    return (kind, tuple(parts))
