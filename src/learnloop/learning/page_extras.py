"""Cards other apps add to the student's pages and the teacher's home page.

Each page declares a slot; a lending app (goals: the goals card, help button,
self-assessment and the teacher's inbox; teaching: "I've finished this" on assigned work)
registers a provider in its AppConfig.ready(). A provider takes keyword arguments
(student, and standard or activity on those pages; teacher on the teacher's home page)
and returns PageCards. Each card names its own template; the host template renders
`{% for card in cards.top %}{% include card.template %}{% endfor %}`, so the learning and
web apps never import a lender nor name a lender's template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from learnloop.core.slots import Slot

Place = Literal["top", "side", "bottom"]


@dataclass(frozen=True)
class PageCard:
    template: str  # the lender's template, given `card` (read card.context.<name>)
    context: Mapping[str, Any] = field(default_factory=dict)
    place: Place = "top"  # where the host page shows it: top, side column, bottom
    order: int = 50  # lower comes first within a place


@dataclass(frozen=True)
class PageCards:
    top: tuple[PageCard, ...] = ()
    side: tuple[PageCard, ...] = ()
    bottom: tuple[PageCard, ...] = ()


PageCardProvider = Callable[..., list[PageCard]]


@dataclass(frozen=True)
class Topic:
    """A standard a page offers as a topic (the help button's "which topics?")."""

    pk: int
    label: str  # its name as people read it (`Standard.label`)


MY_LEARNING: Slot[PageCardProvider] = Slot("learning.my_learning", doc="My learning")
STANDARD_DETAIL: Slot[PageCardProvider] = Slot("learning.standard_detail", doc="a standard")
ACTIVITY_DETAIL: Slot[PageCardProvider] = Slot("learning.activity_detail", doc="an activity")
PRACTICE: Slot[PageCardProvider] = Slot(
    "learning.practice", doc="practice, its feedback and its summary"
)
TEACHER_HOME: Slot[PageCardProvider] = Slot("learning.teacher_home", doc="teacher's home")


def cards_for(slot: Slot[PageCardProvider], **kwargs: Any) -> PageCards:
    """Every lender's cards for one page, sorted into the page's places."""
    cards = sorted(
        (card for provider in slot for card in provider(**kwargs)),
        key=lambda card: card.order,
    )
    return PageCards(
        top=tuple(c for c in cards if c.place == "top"),
        side=tuple(c for c in cards if c.place == "side"),
        bottom=tuple(c for c in cards if c.place == "bottom"),
    )
