"""Every flash message a person reads is marked for translation (issue 22).

The templates have their own scanner (test_translatable_templates.py); this one reads the
Python. A call to `django.contrib.messages` (`messages.success(request, ...)` and its
siblings, or `messages.add_message(request, level, ...)`) must be given text that went
through gettext: a string literal, an f-string, `"..." + name` or `"...".format(...)` is
English only, and so is a local name bound to one of those in the same function. Text
from elsewhere (a service error's message, a form's errors) is marked where it is made.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    path
    for path in PACKAGE.rglob("*.py")
    if "tests" not in path.parts and "migrations" not in path.parts
)
LEVELS = {"debug", "info", "success", "warning", "error"}


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    source: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.source}"


def _is_english(node: ast.expr, bound: dict[str, list[ast.expr]]) -> bool:
    """Whether `node` is text written in the code and never given to gettext."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(ch.isalpha() for ch in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_english(node.left, bound) or _is_english(node.right, bound)
    if isinstance(node, ast.IfExp):
        return _is_english(node.body, bound) or _is_english(node.orelse, bound)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if method == "format":
            return _is_english(node.func.value, bound) or any(
                _is_english(arg, bound) for arg in node.args
            )
        if method == "join":
            return _is_english(node.func.value, bound)
    if isinstance(node, ast.Name):
        return any(_is_english(value, {}) for value in bound.get(node.id, []))
    return False


def _message_argument(call: ast.Call) -> ast.expr | None:
    func = call.func
    if not (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)):
        return None
    if func.value.id != "messages":
        return None
    for keyword in call.keywords:
        if keyword.arg == "message":
            return keyword.value
    position = 1 if func.attr in LEVELS else 2 if func.attr == "add_message" else None
    if position is None or len(call.args) <= position:
        return None
    return call.args[position]


def _bindings(function: ast.AST) -> dict[str, list[ast.expr]]:
    bound: dict[str, list[ast.expr]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(node.value)
    return bound


def unmarked_messages(source: str, name: str) -> list[Unmarked]:
    tree = ast.parse(source)
    found: list[Unmarked] = []
    scopes = [
        node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    for scope in [tree, *scopes]:
        bound = _bindings(scope)
        body = scope.body if isinstance(scope, ast.Module) else [scope]
        for node in (n for part in body for n in ast.walk(part)):
            if not isinstance(node, ast.Call):
                continue
            argument = _message_argument(node)
            if argument is not None and _is_english(argument, bound):
                found.append(Unmarked(name, node.lineno, ast.unparse(argument)))
    return sorted(set(found), key=lambda item: item.line)


def test_the_scanner_sees_the_views() -> None:
    assert len(SOURCES) > 100
    assert any(path.name == "views_office.py" for path in SOURCES)


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_flash_message_is_marked(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if "messages" not in text:
        return
    unmarked = unmarked_messages(text, str(path.relative_to(PACKAGE)))
    assert not unmarked, "\n".join(str(item) for item in unmarked)


def test_the_scanner_catches_literals_f_strings_and_formats() -> None:
    source = (
        "from django.contrib import messages\n"
        "from django.utils.translation import gettext as _, ngettext\n"
        "def view(request, name, n, error):\n"
        "    messages.success(request, 'Saved.')\n"
        "    messages.info(request, f'Added {name}.')\n"
        "    messages.error(request, 'Moved {}'.format(name))\n"
        "    messages.warning(request, 'Hi ' + name)\n"
        "    done = 'Finished {title}'\n"
        "    messages.success(request, done.format(title=name))\n"
        "    messages.add_message(request, 20, message='Plain')\n"
        "    messages.success(request, _('Saved.'))\n"
        "    messages.success(request, _('Added %(name)s.') % {'name': name})\n"
        "    messages.success(request, ngettext('%(n)d one', '%(n)d many', n) % {'n': n})\n"
        "    messages.error(request, error.message)\n"
        "    messages.error(request, ' '.join(error.messages))\n"
        "    label = _('Done')\n"
        "    messages.success(request, label)\n"
    )
    lines = [item.line for item in unmarked_messages(source, "view.py")]
    assert lines == [4, 5, 6, 7, 9, 10]
