"""The student's "I can ..." scale and how it compares with the engine's level.

Pure functions (no Django): the self-assessment card and the tests use them. The engine's
five levels map onto the four-step scale as not started/practicing -> 1, familiar -> 2,
proficient -> 3, mastered -> 4 (engine.levels holds the mapping and the gap, shared
with the teacher's alerts).
A note appears only when the two differ by CALIBRATION_GAP steps or more: a nudge to
show it, or a word that they know more than they think.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from learnloop.engine.levels import CALIBRATION_GAP, Level, calibration_gap
from learnloop.engine.levels import self_assessment_step as engine_scale
from learnloop.learning.level_names import level_name

__all__ = [
    "CALIBRATION_GAP",
    "SCALE",
    "calibration_note",
    "engine_scale",
    "scale_choices",
    "scale_words",
]
# In English here; `scale_words` reads a step in the active language.
SCALE: dict[int, str] = {
    1: gettext_noop("I'm just starting"),
    2: gettext_noop("I can with help"),
    3: gettext_noop("I can on my own"),
    4: gettext_noop("I can teach it"),
}


def scale_words(step: int) -> str:
    """A step of the scale in the reader's language ("Puedo con ayuda")."""
    return gettext(SCALE[step])


def scale_choices() -> list[tuple[int, str]]:
    """The four steps as a form's choices, "2 — I can with help", in the reader's language."""
    return [(step, f"{step} — {scale_words(step)}") for step in SCALE]


def calibration_note(rating: int, level: Level) -> str | None:
    """A friendly sentence when the rating and the engine disagree by two steps or more."""
    if rating not in SCALE:
        raise ValueError(f"rating must be 1-4, not {rating}")
    gap = calibration_gap(rating, level)
    if gap >= CALIBRATION_GAP and level == Level.NOT_STARTED:
        return gettext(
            "You rated yourself %(rating)s but you haven't practiced this yet — "
            "try a few items to show it!"
        ) % {"rating": rating}
    if gap >= CALIBRATION_GAP:
        return gettext(
            "You rated yourself %(rating)s but your work so far says %(level)s — "
            "try a few items to show it!"
        ) % {"rating": rating, "level": level_name(level).lower()}
    if gap <= -CALIBRATION_GAP:
        return gettext(
            "Your work so far says %(level)s — more than you gave yourself credit for."
        ) % {"level": level_name(level).lower()}
    return None
