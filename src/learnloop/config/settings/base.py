"""Settings shared by every environment.

The database is SQLite (embedded, WAL) unless DATABASE_URL names another one, so a
classroom computer needs nothing installed and a district points at PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = Path(os.environ.get("LEARNLOOP_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("LEARNLOOP_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS: list[str] = ["*"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "learnloop.web",
    "learnloop.accounts",
    "learnloop.schools",
    "learnloop.standards",
    "learnloop.content",
    "learnloop.learning",
    "learnloop.goals",
    "learnloop.conferences",
    "learnloop.gradebook",
    "learnloop.teaching",
    "learnloop.portfolio",
    "learnloop.family",
    "learnloop.privacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "learnloop.web.middleware.RefuseUnstorableInput",  # NUL, lone surrogates, odd JSON
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# A JSON request's body (one answer is a few hundred bytes; a queued offline batch more).
# Separate from Django's DATA_UPLOAD_MAX_MEMORY_SIZE, which caps form bodies.
LEARNLOOP_MAX_JSON_BODY_BYTES = int(os.environ.get("LEARNLOOP_MAX_JSON_BODY_BYTES", 256 * 1024))

ROOT_URLCONF = "learnloop.config.urls"
WSGI_APPLICATION = "learnloop.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "learnloop.web.context_processors.navigation",
            ],
        },
    },
]


def database_from_env(default_sqlite_path: Path) -> dict:
    """DATABASE_URL when set, else an embedded SQLite file tuned for a classroom server."""
    url = os.environ.get("DATABASE_URL")
    if url:
        # One connection per process kept ten minutes (checked before each request's first
        # query, so a restarted server costs no failed request).
        config = dj_database_url.parse(url, conn_max_age=600, conn_health_checks=True)
        config.setdefault("TEST", {})
        if config["ENGINE"] == "django.db.backends.postgresql":
            config.setdefault("OPTIONS", {}).update(postgresql_statement_options())
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite_path),
        # Keep the connection across requests: opening one and running the pragmas below
        # costs a millisecond or two of CPU, a tenth of an answer (docs/benchmarks/system.md).
        "CONN_MAX_AGE": None,
        "OPTIONS": {
            # WAL lets readers proceed during a write; IMMEDIATE avoids upgrade deadlocks
            # when several gunicorn workers write at once; busy_timeout waits, not fails.
            # A 32 MiB page cache per connection and reads through mmap keep a district's
            # indexes in memory (the default cache is 2 MiB).
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA cache_size=-32768;"
                "PRAGMA mmap_size=268435456;"
                "PRAGMA temp_store=MEMORY;"
                # Checkpoints run in a thread of each server process (web/wal.py); a
                # commit checkpoints itself only past 10,000 pages (40 MiB), a safety net.
                "PRAGMA wal_autocheckpoint=10000;"
            ),
        },
    }


def postgresql_statement_options() -> dict:
    """Server-side parameters and prepared statements, unless LEARNLOOP_PG_PREPARE=0.

    An answer runs the same twenty statements every time; prepared, PostgreSQL parses
    and plans each once per connection (psycopg prepares a statement on its fifth run on
    a connection and keeps the 100 most recent). Measured: PostgreSQL's CPU per answer
    halved and the app's fell by a tenth (docs/benchmarks/system.md). Turn it off behind
    PgBouncer in transaction mode older than 1.21, which cannot keep prepared statements.
    """
    if os.environ.get("LEARNLOOP_PG_PREPARE", "1") == "0":
        return {}
    return {"server_side_binding": True, "prepare_threshold": 5}


DATABASES = {"default": database_from_env(DATA_DIR / "learnloop.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("LEARNLOOP_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("LEARNLOOP_FROM_EMAIL", "LearnLoop <noreply@localhost>")

SESSION_ENGINE = "learnloop.web.sessions"  # Django's database sessions, read in plain SQL
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LEARNLOOP_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
