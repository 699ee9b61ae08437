"""The choice board: 3 to 6 next steps, ranked, each with its reason in plain words.

A pure function over plain data, so the web app, tests and simulations share it.
Order of precedence, from the design: what the teacher assigned and what was agreed in
a conference come first, then the student's goal standards (both are never dropped);
then the lesson for a standard whose practice is failing, review that is due, practice
in the zone of proximal development, and new standards on the ready-to-learn frontier
(prerequisites mastered); then variety of modality and the student's interests break
ties. At least three options whenever there are three things to offer. The student may
pick anything else too: the board proposes, it does not decide.

`inputs` holds the dataclasses, `rules` what suits each standard, `ranking` the board.
"""

from learnloop.engine.recommend.inputs import (
    ActivityView,
    BoardInput,
    Commitment,
    Option,
    StandardView,
)
from learnloop.engine.recommend.ranking import KIND_CAPS, MAX_OPTIONS, MIN_OPTIONS, choice_board
from learnloop.engine.recommend.rules import RECENT_WINDOW, ZPD_LOW, practice_failing

__all__ = [
    "KIND_CAPS",
    "MAX_OPTIONS",
    "MIN_OPTIONS",
    "RECENT_WINDOW",
    "ZPD_LOW",
    "ActivityView",
    "BoardInput",
    "Commitment",
    "Option",
    "StandardView",
    "choice_board",
    "practice_failing",
]
