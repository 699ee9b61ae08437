"""The board's reasons as sentences that can be said in any language.

The engine imports no Django, so it writes each reason in English and keeps what it was
made of: a `Reason` is the English sentence (a plain `str` everywhere it goes) that also
carries its templates and values, so that the web layer can say it in the reader's
language (`learnloop.learning.reasons`). `gettext_noop` only marks a template for the
catalogue; it translates nothing here.
"""

from __future__ import annotations

from collections.abc import Mapping

from learnloop.engine.levels import Level

Part = tuple[str, Mapping[str, object]]


def gettext_noop(message: str) -> str:
    """Marks `message` for the translation catalogue (makemessages reads the name)."""
    return message


def english(value: object) -> object:
    """A value as the English sentence shows it: a level in lower case."""
    return value.label.lower() if isinstance(value, Level) else value


class Reason(str):
    """An English sentence made of one or more (template, values) parts."""

    parts: tuple[Part, ...]

    def __new__(cls, template: str, /, **values: object) -> Reason:
        return cls.joined(((template, values),))

    @classmethod
    def joined(cls, parts: tuple[Part, ...]) -> Reason:
        text = " ".join(_say(template, values, english) for template, values in parts)
        reason = str.__new__(cls, text)
        reason.parts = parts
        return reason

    def then(self, other: Reason) -> Reason:
        """This sentence followed by another."""
        return Reason.joined(self.parts + other.parts)

    def __reduce__(self) -> tuple[object, ...]:
        return (Reason.joined, (self.parts,))


def _say(template: str, values: Mapping[str, object], say: object) -> str:
    if not values:
        return template
    return template % {name: say(value) for name, value in values.items()}  # type: ignore[operator]
