"""Conference test data built through the services the app uses."""

from __future__ import annotations

import uuid

from learnloop.conferences.models import AgreedAction, Conference, Owner, Visibility
from learnloop.conferences.services import add_action, add_note, request_conference
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.world import World


def conference_for(world: World) -> Conference:
    """One conference of `world.student` with `world.teacher`, cached on the World."""
    cached = getattr(world, "_conference", None)
    if cached is not None:
        return cached
    lw = learning_world(world)
    conference = request_conference(
        student=world.student,
        teacher=world.teacher,
        requested_by=world.student,
        topic="Unit rates",
        client_id=uuid.uuid4(),
    )
    add_note(
        conference=conference,
        author=world.teacher,
        text="Sam explained ratios with a recipe.",
        visibility=Visibility.SHARED,
        client_id=uuid.uuid4(),
    )
    add_note(
        conference=conference,
        author=world.teacher,
        text="SECRET worried about home situation",
        visibility=Visibility.PRIVATE,
        client_id=uuid.uuid4(),
    )
    add_action(
        conference=conference,
        owner=Owner.STUDENT,
        title="Practice 6.RP.A.2 — 10 items",
        activity=lw.practice,
        client_id=uuid.uuid4(),
    )
    add_action(
        conference=conference,
        owner=Owner.TEACHER,
        title="Find a video on ratios",
        client_id=uuid.uuid4(),
    )
    world._conference = conference  # type: ignore[attr-defined]
    return conference


def action_of(world: World, owner: str) -> AgreedAction:
    return conference_for(world).actions.get(owner=owner)
