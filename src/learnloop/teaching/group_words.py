"""The engine's group reasons (engine.groups.GroupReason) in the reader's language.

The engine cannot import Django, so it returns the reason as codes and a level; this is
where they become words, through gettext like every other sentence a teacher reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext, ngettext

from learnloop.engine.groups import CODES_NAMED, GroupReason
from learnloop.learning.level_names import level_name


def word_reason(why: GroupReason) -> str:
    """'Not yet on 6.RP.A.1 and 6.RP.A.2; ready for a challenge on 6.RP.A.3.a'."""
    if why.not_yet and why.ready:
        return gettext("Not yet on %(not_yet)s; ready for a challenge on %(ready)s") % {
            "not_yet": name_codes(why.not_yet),
            "ready": name_codes(why.ready),
        }
    if why.not_yet:
        return gettext("Not yet on %(codes)s") % {"codes": name_codes(why.not_yet)}
    if why.ready:
        return gettext("Ready for a challenge on %(codes)s") % {"codes": name_codes(why.ready)}
    if why.mostly is None:
        return ""
    return gettext("Mixed: mostly %(level)s") % {"level": level_name(why.mostly).lower()}


def name_codes(codes: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more' in the reader's language."""
    if len(codes) == 1:
        return codes[0]
    if len(codes) > CODES_NAMED + 1:
        more = len(codes) - CODES_NAMED
        return ngettext("%(codes)s and %(count)d more", "%(codes)s and %(count)d more", more) % {
            "codes": ", ".join(codes[:CODES_NAMED]),
            "count": more,
        }
    return gettext("%(codes)s and %(last)s") % {
        "codes": ", ".join(codes[:-1]),
        "last": codes[-1],
    }
