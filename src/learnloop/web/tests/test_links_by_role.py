"""Buttons a role cannot use are not shown: walk the demo school as each demo person,
follow every link each page shows them, and check every form's target.

A link must open (no 403, no 404: a button that leads to "You do not have access" is a
bug, as is a dead link). A form that posts is submitted as the page shows it, inside a
transaction rolled back at once: it may be refused for what it says (400), never for who
sent it (403, 404) and never with a crash.
"""

from __future__ import annotations

import pytest

from learnloop.accounts.models import User
from learnloop.demo.seed import seed_demo
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.walk import walk
from learnloop.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

PEOPLE = ["principal", "rivera", "okafor", "maya", "jamal", "lin.chen"]


def test_every_link_and_button_shown_to_a_demo_person_is_theirs_to_use() -> None:
    seed_demo()
    problems = []
    for username in PEOPLE:
        pages, found = walk(User.objects.get(username=username))
        assert pages >= 4, f"{username} reached only {pages} pages: the walk proves nothing"
        problems += [f"{username}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_every_link_and_button_shown_in_the_test_world_is_theirs_to_use(world: World) -> None:
    """The test world has a second school (its admin sees none of the first) and people
    on each side of each boundary."""
    learning_world(world)
    problems = []
    for role in [*ROLES[1:], "foreign_admin"]:
        person = getattr(world, role)
        _, found = walk(person)
        problems += [f"{role}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
