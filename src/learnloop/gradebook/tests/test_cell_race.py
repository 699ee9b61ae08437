"""An answer and an observation creating the same brand-new (student, standard) cell.

Each writer reads the cells it needs, then inserts the missing ones. The tests put the
other writer's whole write exactly between the two (a database execute wrapper runs it
right after the first writer's read of the mastery table), on whichever database
the suite runs on: the first writer must then merge its part into the row it lost to
(`learning.cells.store_new_cells`), not fail on the unique constraint.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection

from learnloop.conferences.tests.helpers import answer
from learnloop.engine.levels import Level
from learnloop.gradebook.services import record_observation
from learnloop.gradebook.tests.test_refresh_levels import recomputed
from learnloop.learning.models import MasteryState
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db

CODE = "6.RP.A.2"
TABLE = MasteryState._meta.db_table


@contextmanager
def right_after_the_first_cell_read(sneak_in: Callable[[], None]) -> Iterator[list[bool]]:
    """Run `sneak_in` once, on the same connection, right after the first SELECT from
    the mastery table (the writer's read); yields a flag list that says it ran."""
    fired: list[bool] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        result = execute(sql, params, many, context)
        if not fired and sql.lstrip().startswith("SELECT") and f'FROM "{TABLE}"' in sql:
            fired.append(True)
            sneak_in()
        return result

    with connection.execute_wrapper(wrapper):
        yield fired


def _observe(world: World, lw: LearningWorld, level: int) -> None:
    record_observation(
        observer=world.teacher, student=world.student, standard=lw.standards[CODE],
        level=level, client_id=uuid.uuid4(),
    )  # fmt: skip


def _the_cell(world: World, lw: LearningWorld) -> MasteryState:
    cells = MasteryState.objects.filter(student=world.student, standard=lw.standards[CODE])
    assert cells.count() == 1
    return cells.get()


def test_an_observation_creating_the_cell_while_an_answer_does(
    world: World, lw: LearningWorld
) -> None:
    assert not MasteryState.objects.filter(student=world.student).exists()
    with right_after_the_first_cell_read(lambda: _observe(world, lw, Level.MASTERED)) as fired:
        answer(world.student, lw.items[0], correct=True)
    assert fired
    state = _the_cell(world, lw)
    assert (state.attempts, state.successes) == (1, 1)  # the answer's part kept
    assert state.skill_state  # the engine's state, not the observation's empty one
    assert state.evidence_summary  # the observation's part kept
    assert state.combined_level == recomputed(state) == Level.MASTERED


def test_an_answer_creating_the_cell_while_an_observation_does(
    world: World, lw: LearningWorld
) -> None:
    def answer_now() -> None:
        answer(world.student, lw.items[0], correct=False, times=1)

    with right_after_the_first_cell_read(answer_now) as fired:
        _observe(world, lw, Level.PROFICIENT)
    assert fired
    state = _the_cell(world, lw)
    assert (state.attempts, state.successes) == (1, 0)
    assert state.evidence_summary
    assert state.combined_level == recomputed(state)
    assert state.combined_level >= Level.FAMILIAR  # the observation counts


def test_the_next_answer_updates_the_merged_cell(world: World, lw: LearningWorld) -> None:
    with right_after_the_first_cell_read(lambda: _observe(world, lw, Level.PROFICIENT)):
        answer(world.student, lw.items[0], correct=True)
    answer(world.student, lw.items[0], correct=True, times=2)
    state = _the_cell(world, lw)
    assert state.attempts == 3 and state.evidence_summary
    assert state.combined_level == recomputed(state)
