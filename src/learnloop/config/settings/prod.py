"""Production: secrets and hosts from the environment, hardened cookies, no DEBUG.

Required: LEARNLOOP_SECRET_KEY (not the demo's). Optional: LEARNLOOP_ALLOWED_HOSTS (comma
separated, never "*"), LEARNLOOP_SITE_URL, DATABASE_URL, LEARNLOOP_HTTPS=0 for a LAN server
without TLS, LEARNLOOP_EMAIL_* for the SMTP relay. docs/deployment.md lists them all.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEMO_SECRET_KEY

DEBUG = False
SECRET_KEY = os.environ.get("LEARNLOOP_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set LEARNLOOP_SECRET_KEY to a long random value.")
if SECRET_KEY == DEMO_SECRET_KEY:
    raise ImproperlyConfigured(
        "LEARNLOOP_SECRET_KEY is the demo's published key; set a long random value of your own."
    )
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "LEARNLOOP_ALLOWED_HOSTS may not contain '*': list the names people type."
    )
HTTPS = os.environ.get("LEARNLOOP_HTTPS", "1") != "0"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and os.environ.get("LEARNLOOP_SSL_REDIRECT", "1") != "0"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Single sign-on's redirect address (learnloop.sso) is https behind a TLS proxy too.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS else "http"
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("LEARNLOOP_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
