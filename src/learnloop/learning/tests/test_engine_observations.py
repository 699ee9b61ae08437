"""Every answer reaches the engine with its item and its time (engine `Observation`), so
a model fitted on items (the relational model) works at item level in the app too."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from learnloop.engine.tracing.base import Observation
from learnloop.learning import engine_state
from learnloop.learning.answering.batch import answer_batch
from learnloop.learning.answering.batch_parsing import batch_from_json
from learnloop.learning.answering.service import record_response
from learnloop.learning.services import rebuild_mastery
from learnloop.learning.tests.fixtures import LearningWorld
from learnloop.testing.world import World

pytestmark = pytest.mark.django_db


class Recording:
    """The active model, with each observation it is given kept."""

    def __init__(self, model: Any) -> None:
        self.model, self.seen = model, []

    def update(self, state: Any, observation: Observation) -> Any:
        self.seen.append(observation)
        return self.model.update(state, observation)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> Recording:
    model = Recording(engine_state.active_model())
    monkeypatch.setattr(engine_state, "active_model", lambda: model)
    monkeypatch.setattr("learnloop.learning.services.active_model", lambda: model)
    return model


def test_an_answer_gives_the_engine_its_item_and_time(
    world: World, lw: LearningWorld, recording: Recording
) -> None:
    when = timezone.now() - timedelta(minutes=3)
    item = lw.items[1]
    record_response(
        student=world.student, item_id=item.pk, client_id=uuid.uuid4(), answer="3", now=when
    )
    assert recording.seen and all(
        (o.item_id, o.timestamp) == (str(item.pk), when) for o in recording.seen
    )


def test_a_synced_batch_gives_each_answer_its_item_and_time(
    world: World, lw: LearningWorld, recording: Recording
) -> None:
    now = timezone.now()
    entries = [
        {
            "client_id": str(uuid.uuid4()),
            "item": lw.items[i].pk,
            "answer": "3",
            "client_time": (now - timedelta(minutes=10 - i)).isoformat(),
        }
        for i in range(3)
    ]
    answer_batch(student=world.student, answers=batch_from_json({"answers": entries}), now=now)
    assert [o.item_id for o in recording.seen] == [str(lw.items[i].pk) for i in range(3)]
    assert [o.timestamp for o in recording.seen] == [
        now - timedelta(minutes=10 - i) for i in range(3)
    ]


def test_the_rebuild_replays_what_the_answers_gave(
    world: World, lw: LearningWorld, recording: Recording
) -> None:
    for index in range(3):
        record_response(
            student=world.student, item_id=lw.items[index].pk, client_id=uuid.uuid4(),
            answer="3",
        )  # fmt: skip
    online = [(o.skill_id, o.item_id, o.timestamp) for o in recording.seen]
    recording.seen.clear()
    rebuild_mastery()
    assert [(o.skill_id, o.item_id, o.timestamp) for o in recording.seen] == online
