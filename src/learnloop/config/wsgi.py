"""WSGI entry point for gunicorn (`learnloop serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.prod")
application = get_wsgi_application()
