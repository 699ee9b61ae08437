"""The board's reasons in the reader's language.

The engine writes each reason in English and keeps its parts (`engine.recommend.phrases`);
here each part's template is looked up in the catalogue and filled with its values, a
level by its translated name. Reasons made on the Django side are translated already.
"""

from __future__ import annotations

from django.utils.translation import gettext, gettext_noop

from learnloop.core.bidi import ltr_text
from learnloop.engine.levels import Level
from learnloop.engine.recommend.phrases import Reason
from learnloop.learning.level_names import level_name

# The same reasons told to a family about their child ("Maya is close on ..."), never to
# the child: the family's page and the progress report read these.
FOR_FAMILY = {
    "Practice on %(code)s has been hard (%(wrong)s of your last %(answers)s answers "
    "were wrong): this lesson explains it step by step.": gettext_noop(
        "Practice on %(code)s has been hard for %(name)s (%(wrong)s of the last %(answers)s "
        "answers were wrong): a lesson explains it step by step."
    ),
    "Have another go at %(code)s: take the hints one at a time.": gettext_noop(
        "%(name)s can have another go at %(code)s, taking the hints one at a time."
    ),
    "Work toward your goal on %(code)s: start with the basics.": gettext_noop(
        "Toward %(name)s's goal on %(code)s: starting with the basics."
    ),
    "It's one of your goals.": gettext_noop("It's one of %(name)s's goals."),
    "Keep going on %(code)s.": gettext_noop("%(name)s keeps going on %(code)s."),
    "Time to review %(code)s so it sticks.": gettext_noop(
        "Time for %(name)s to review %(code)s so it sticks."
    ),
    "You've mastered %(code)s: show it off in a project.": gettext_noop(
        "%(name)s has mastered %(code)s: a project can show it off."
    ),
    "Have another go at %(code)s: the hints are there to help.": gettext_noop(
        "%(name)s can have another go at %(code)s, with hints to help."
    ),
    "You're close on %(code)s: about 1 more item.": gettext_noop(
        "%(name)s is close on %(code)s: about 1 more item."
    ),
    "You're close on %(code)s: about %(count)s more items.": gettext_noop(
        "%(name)s is close on %(code)s: about %(count)s more items."
    ),
    "Keep building %(code)s: you're %(level)s and growing.": gettext_noop(
        "%(name)s is building %(code)s: %(level)s and growing."
    ),
    "Ready to learn %(code)s: you're solid on %(codes)s.": gettext_noop(
        "%(name)s is ready to learn %(code)s, being solid on %(codes)s."
    ),
    "Learn more about %(code)s before practicing again.": gettext_noop(
        "%(name)s learns more about %(code)s before practicing again."
    ),
    "A stretch: %(code)s builds on %(codes)s, which you're still learning.": gettext_noop(
        "A stretch for %(name)s: %(code)s builds on %(codes)s, still being learned."
    ),
}


# Values that are standard codes ("6.RP.A.1", "6.RP.A.1, 6.RP.A.2"): left to right even
# inside an Arabic sentence. Only inside a translated one: an English sentence shown
# for want of its Arabic keeps its codes in its own left-to-right run, where an isolate
# at the sentence's end would jump to the far side of the line.
CODE_VALUES = frozenset({"code", "codes", "first", "second"})


def _value(name: str, value: object, *, translated: bool) -> object:
    if isinstance(value, Level):
        return level_name(value).lower()
    return ltr_text(value) if translated and name in CODE_VALUES else value


def reason_text(reason: object, *, about: str | None = None) -> str:
    """A reason as the reader reads it: the student, or (`about` the student's name) a
    family reading about their child."""
    if not isinstance(reason, Reason):
        return str(reason)
    sentences = []
    for template, values in reason.parts:
        if about is not None and template in FOR_FAMILY:
            template, values = FOR_FAMILY[template], {**values, "name": about}
        said = gettext(template)
        translated = said != template
        filled = {
            name: _value(name, value, translated=translated) for name, value in values.items()
        }
        sentences.append(said % filled if filled else said)
    return " ".join(sentences)
