"""WSGI entry point for gunicorn (`learnloop serve`, `learnloop demo`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.prod")
application = get_wsgi_application()

from learnloop.web.wal import start_checkpointer  # noqa: E402 (needs Django set up)

start_checkpointer()  # SQLite only: WAL checkpoints in a thread, not in an answer
