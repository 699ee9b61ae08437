from learnloop.learning.tests.conftest import lw  # noqa: F401 - fixture
