"""The mastery levels' names in the reader's language.

The engine names its levels in English (it imports no Django); every page and the PDF
report read them through `level_name`, which looks them up in the catalogue.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from learnloop.engine.levels import Level

LEVEL_NAMES: dict[Level, Promise] = {
    Level.NOT_STARTED: gettext_lazy("Not started"),
    Level.PRACTICING: gettext_lazy("Practicing"),
    Level.FAMILIAR: gettext_lazy("Familiar"),
    Level.PROFICIENT: gettext_lazy("Proficient"),
    Level.MASTERED: gettext_lazy("Mastered"),
}


def level_name(level: object) -> str:
    """The level's name, translated; anything else (a rubric's own level) as it reads."""
    if isinstance(level, Level):
        return str(LEVEL_NAMES[level])
    return str(getattr(level, "label", level))
