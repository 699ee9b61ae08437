from collections.abc import Iterator
from typing import Any

import pytest

from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.testing.world import World
from learnloop.xapi.tests.lrs_server import LrsServer, start_lrs


@pytest.fixture(autouse=True)
def settled_at_once(settings: Any) -> None:
    """Answers are taken from the log as soon as they are stored (the settle horizon has
    its own test)."""
    settings.LEARNLOOP_XAPI_SETTLE_SECONDS = 0


@pytest.fixture
def lw(world: World) -> LearningWorld:
    forget_cached_model()
    return learning_world(world)


@pytest.fixture
def lrs(monkeypatch: pytest.MonkeyPatch) -> Iterator[LrsServer]:
    server = start_lrs()
    monkeypatch.setenv("TEST_LRS_KEY", "lrs-key")
    monkeypatch.setenv("TEST_LRS_SECRET", "lrs-secret")
    yield server
    server.shutdown()
    server.server_close()
