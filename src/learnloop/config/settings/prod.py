"""Production: secrets and hosts from the environment, hardened cookies, no DEBUG.

Required: LEARNLOOP_SECRET_KEY. Optional: LEARNLOOP_ALLOWED_HOSTS (comma separated),
DATABASE_URL, LEARNLOOP_HTTPS=0 for a LAN server without TLS.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("LEARNLOOP_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set LEARNLOOP_SECRET_KEY to a long random value.")
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("LEARNLOOP_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]
HTTPS = os.environ.get("LEARNLOOP_HTTPS", "1") != "0"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and os.environ.get("LEARNLOOP_SSL_REDIRECT", "1") != "0"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("LEARNLOOP_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
