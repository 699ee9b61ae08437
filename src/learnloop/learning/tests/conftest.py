import pytest

from learnloop.learning.engine_state import forget_cached_model
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.testing.world import World


@pytest.fixture
def lw(world: World) -> LearningWorld:
    forget_cached_model()
    return learning_world(world)
