"""Fixtures available to every test under src/learnloop."""

from __future__ import annotations

import pytest

from learnloop.learning.catalog import forget_catalogs
from learnloop.testing.browser import browser, page, phone_page  # noqa: F401 - fixtures
from learnloop.testing.world import World, build_world


@pytest.fixture(autouse=True)
def _fresh_catalogs() -> None:
    """Rolled-back test data fires no signals, and primary keys are reused: start clean."""
    forget_catalogs()


@pytest.fixture
def world(db: None) -> World:
    return build_world()
