"""Family pages speak to the family about the child, never to the child."""

from __future__ import annotations

import pytest

from learnloop.engine.recommend import Option
from learnloop.family.voice import family_reason, next_steps_for
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


def option(kind: str, reason: str, **extra: object) -> Option:
    return Option(key=kind, kind=kind, title="Unit rates", reason=reason, **extra)  # type: ignore[arg-type]


def test_an_agreed_action_names_the_child_and_the_teacher(world: World) -> None:
    action = option(
        "action", "You and Elena Rivera agreed on this in your conference on Dec 3. Due Fri 5 Dec."
    )
    said = family_reason(action, world.student, {})
    assert (
        said == "Sam and Elena Rivera agreed on this in their conference on Dec 3. Due Fri 5 Dec."
    )


@pytest.mark.parametrize("kind", ["review", "practice", "lesson", "project", "stretch", "explore"])
def test_no_engine_reason_reaches_a_family_in_the_second_person(world: World, kind: str) -> None:
    step = option(kind, "You're close on 6.RP.A.2", standard_id=7, for_goal=True)
    said = family_reason(step, world.student, {7: "6.RP.A.2"})
    assert "you" not in said.lower() and "Sam" in said


def test_the_student_reads_their_own_words(world: World) -> None:
    step = option("practice", "You're close on 6.RP.A.2", standard_id=7)
    assert next_steps_for([step], world.student, {}, own=True)[0].reason.startswith("You're")
