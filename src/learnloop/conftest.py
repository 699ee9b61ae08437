"""Fixtures available to every test under src/learnloop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from hypothesis import HealthCheck, settings

from learnloop.learning.catalog import forget_catalogs
from learnloop.learning.engine_state import forget_cached_model
from learnloop.testing.browser import browser, page, phone_page  # noqa: F401 - fixtures
from learnloop.testing.smtp import smtp_server  # noqa: F401 - fixture
from learnloop.testing.world import World, build_world

# Property tests check what is true, not how fast: on a shared two-core machine (CI and
# development alike) an example can take longer than hypothesis's default 200 ms deadline,
# which made a pure BKT property flaky under load. Speed is measured by benchmarks/.
settings.register_profile("learnloop", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("learnloop")


@pytest.fixture(autouse=True)
def _fresh_catalogs() -> None:
    """Rolled-back test data fires no signals, and primary keys are reused: start clean.
    The engine model too: a cached model that expires (after MODEL_CACHE_SECONDS) between
    a test's warm-up request and its counted one would cost that request one more query."""
    forget_catalogs()
    forget_cached_model()


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """A request in Spanish (a person's language, activated by the locale middleware)
    leaves the test thread in Spanish: the next test starts in the default language."""
    yield
    translation.deactivate()


@pytest.fixture
def world(db: None) -> World:
    return build_world()
