"""The LaTeX a textbook key or a student may type, as plain calculator input.

A small, safe subset: fractions, roots, powers and subscripts in braces, `\\left`/`\\right`,
`\\cdot`, `\\times`, `\\pi`, the common functions and Greek letters. What it does not know
(matrices, `\\log_{b}`, `\\operatorname`) is left with its backslash, which the math reader
refuses with a message: an answer is never guessed at.
"""

from __future__ import annotations

COMMANDS = {
    "left": "",
    "right": "",
    "cdot": "*",
    "times": "*",
    "div": "/",
    "pi": " pi ",
    "ln": "ln",
    "log": "log",
    "sin": "sin",
    "cos": "cos",
    "tan": "tan",
    "theta": " theta ",
    "alpha": " alpha ",
    "beta": " beta ",
    ",": "",
    " ": "",
    "!": "",
    ";": "",
    "%": "%",
}
FRACTIONS = {"frac", "dfrac", "tfrac"}
MAX_DEPTH = 20


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def convert(self, depth: int = 0, until: str = "") -> str:
        if depth > MAX_DEPTH:
            return "\\"  # refused downstream: too deeply nested to be a typed answer
        out: list[str] = []
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == until:
                self.at += 1
                return "".join(out)
            self.at += 1
            if char == "\\":
                out.append(self._command(depth))
            elif char == "{":
                out.append("(" + self.convert(depth + 1, "}") + ")")
            else:
                out.append(char)
        return "".join(out)

    def _group(self, depth: int) -> str:
        while self.at < len(self.text) and self.text[self.at] == " ":
            self.at += 1
        if self.at >= len(self.text):
            return ""
        char = self.text[self.at]
        self.at += 1
        if char == "{":
            return "(" + self.convert(depth + 1, "}") + ")"
        if char == "\\":
            return self._command(depth)
        return char

    def _command(self, depth: int) -> str:
        start = self.at
        while self.at < len(self.text) and self.text[self.at].isalpha():
            self.at += 1
        name = self.text[start : self.at]
        if not name and self.at < len(self.text):
            name = self.text[self.at]
            self.at += 1
        if name in FRACTIONS:
            top, bottom = self._group(depth), self._group(depth)
            return f"(({top})/({bottom}))"
        if name == "sqrt":
            return self._root(depth)
        if name in COMMANDS:
            return COMMANDS[name]
        return "\\" + name

    def _root(self, depth: int) -> str:
        index = ""
        if self.at < len(self.text) and self.text[self.at] == "[":
            close = self.text.find("]", self.at)
            if close == -1:
                return "\\sqrt"
            index = _Reader(self.text[self.at + 1 : close]).convert(depth + 1)
            self.at = close + 1
        radicand = self._group(depth)
        return f"(({radicand})^(1/({index})))" if index else f"sqrt({radicand})"


def from_latex(text: str) -> str:
    """Plain calculator input for `text` (which may mix LaTeX and plain math)."""
    return _Reader(text.replace("$", "")).convert()
