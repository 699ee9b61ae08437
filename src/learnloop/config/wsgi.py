"""WSGI entry point for gunicorn (`learnloop serve`, `learnloop demo`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.prod")
application = get_wsgi_application()

from django.urls import get_resolver  # noqa: E402 (needs Django set up)

from learnloop.core.wal import start_checkpointer  # noqa: E402

# Import the URLconf, and with it every view, as the worker boots: otherwise each new
# worker's first request pays for it (7% of the workers' time in a 10 s profile of the
# ingest benchmark, docs/benchmarks/system.md).
get_resolver().url_patterns  # noqa: B018 (evaluated for its side effect)
# SQLite only: WAL checkpoints in a thread, not in an answer. When gunicorn preloads the
# app in its master (learnloop.config.gunicorn), each worker starts its own after forking.
if os.environ.get("LEARNLOOP_WORKER_THREADS_AFTER_FORK") != "1":
    start_checkpointer()
