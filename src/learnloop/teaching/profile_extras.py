"""Cards other apps add to the teacher's student profile (conferences, gradebook, portfolio).

An app registers a provider in the PROFILE_CARDS slot in its AppConfig.ready():
provider(student=..., viewer=...) returns a list of ProfileCard. The teaching app never
imports those apps; the profile template renders each card's own template with its context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from learnloop.accounts.models import User
from learnloop.core.slots import Slot


@dataclass(frozen=True)
class ProfileCard:
    title: str
    template: str  # rendered inside a <section class="card">, given `card` and `student`
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50  # lower comes first


Provider = Callable[..., list[ProfileCard]]
PROFILE_CARDS: Slot[Provider] = Slot("teaching.profile_cards")


def cards_for(*, student: User, viewer: User) -> list[ProfileCard]:
    cards: list[ProfileCard] = []
    for provider in PROFILE_CARDS:
        cards.extend(provider(student=student, viewer=viewer))
    return sorted(cards, key=lambda card: (card.order, card.title))
