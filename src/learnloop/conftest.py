"""Fixtures available to every test under src/learnloop."""

from __future__ import annotations

import pytest

from learnloop.testing.browser import browser, page, phone_page  # noqa: F401 - fixtures
from learnloop.testing.world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()
