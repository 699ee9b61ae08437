"""`make demo` / `learnloop demo`: a production-like server with friendly error pages.

DEBUG is off so a person trying the demo (perhaps on a phone over the LAN) never sees a
stack trace; errors are logged to the console. Static files come from the apps through
whitenoise's finders, so no collectstatic step is needed.
"""

from .base import *  # noqa: F403
from .base import STATIC_ROOT, STORAGES

DEBUG = False
# `learnloop demo` sets LEARNLOOP_ALLOWED_HOSTS to the addresses it binds (this computer's
# LAN addresses with --host 0.0.0.0); base reads it, loopback otherwise. Never "*".
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
