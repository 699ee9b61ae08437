"""Next steps told to the family: "Maya and Elena Rivera agreed...", never "You...".

The engine words each choice-board reason for the student reading their own board; a
family page, the progress report and its PDF read by anyone else say the same in the
third person, from the option's kind and standard.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from learnloop.accounts.models import User
from learnloop.core.bidi import ltr_text
from learnloop.engine.recommend import Option

# conferences.integrations.conference_commitments' wording for an agreed action.
AGREED = re.compile(
    r"^You and (?P<teacher>.+?) agreed on this in your conference on (?P<day>[^.]+)\."
)


@dataclass(frozen=True)
class NextStep:
    title: str
    reason: str


def _agreed(option: Option, name: str) -> str:
    found = AGREED.match(option.reason)
    if found is None:
        return _("%(name)s agreed on this with the teacher in a conference.") % {"name": name}
    rest = option.reason[found.end() :]
    return _("%(name)s and %(teacher)s agreed on this in their conference on %(day)s.") % {
        "name": name, "teacher": found["teacher"], "day": found["day"],
    } + rest  # fmt: skip


def family_reason(option: Option, student: User, codes: Mapping[int, str]) -> str:
    name = student.first_name or student.name
    code = codes.get(option.standard_id or 0, "")
    if option.kind == "action":
        return _agreed(option, name)
    if option.kind == "assignment":
        return option.reason  # "Assigned by <teacher> · due ..." speaks to no one
    words = {
        "review": _("Time for %(name)s to review %(code)s, so it stays fresh."),
        "practice": _("Practice on %(code)s, which %(name)s is building up."),
        "lesson": _("A lesson on %(code)s to help %(name)s get started."),
        "project": _("A project where %(name)s can show %(code)s."),
        "stretch": _("A stretch: %(code)s builds on what %(name)s already knows."),
    }.get(option.kind, _("Something new for %(name)s to explore."))
    sentence = words % {"name": name, "code": ltr_text(code)}
    if option.for_goal:
        sentence += " " + _("It is one of %(name)s's goals.") % {"name": name}
    return sentence


def next_steps_for(
    options: list[Option], student: User, codes: Mapping[int, str], *, own: bool
) -> list[NextStep]:
    """The student's own words when they read their own report; the family's otherwise."""
    return [
        NextStep(o.title, o.reason if own else family_reason(o, student, codes)) for o in options
    ]
