"""Test settings: fast hashing, in-memory mail, same database engines as production."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATA_DIR, database_from_env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATABASES = {"default": database_from_env(DATA_DIR / "test.sqlite3")}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="learnloop-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="learnloop-test-static-"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The demo's OATutor class reads a 12,000-problem archive (about 10 s): the tests of the
# demo that need it turn it on (demo/tests/test_algebra_class.py).
LEARNLOOP_DEMO_OATUTOR = None
# Links in e-mails point at the test client's host; tests that forge a Host override it.
SITE_URL = "http://testserver"
