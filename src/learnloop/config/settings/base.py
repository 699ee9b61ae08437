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
# The OATutor library the demo's algebra class is built from (learnloop.demo.algebra):
# ../shared beside the repository unless LEARNLOOP_SHARED says where; when the archive is
# absent that class is skipped with one line. None turns it off (the test settings).
_SHARED_DIR = Path(os.environ.get("LEARNLOOP_SHARED") or PACKAGE_DIR.parents[2] / "shared")
LEARNLOOP_DEMO_OATUTOR: Path | None = _SHARED_DIR / "content/oatutor/oatutor-content.tar.xz"


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated environment variable as a list, blanks dropped."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, "") or default)


# Known to everyone who has read this file: the demo and tests may use it, `learnloop
# serve` and the production settings refuse it (docs/security.md).
DEMO_SECRET_KEY = "dev-only-insecure-key-change-me"
SECRET_KEY = os.environ.get("LEARNLOOP_SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = False
# Never "*": a forged Host header must not reach a view (password reset links, redirects).
ALLOWED_HOSTS: list[str] = env_list("LEARNLOOP_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# The address people type, used in links sent by e-mail (password reset) instead of the
# request's Host header. Empty: the first allowed host over plain HTTP.
SITE_URL = os.environ.get("LEARNLOOP_SITE_URL", "").rstrip("/")

INSTALLED_APPS = [
    "learnloop.web.admin_site.SuperuserAdminConfig",  # django.contrib.admin, superusers only
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
    "learnloop.sso",
    # Single sign-on (learnloop.sso, ADR 0012): allauth's social accounts and three
    # providers; its account app is required by them, its pages are not mounted.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.openid_connect",
    "learnloop.placement",
    "learnloop.lti",
    "learnloop.jobs",
    "learnloop.xapi",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "learnloop.web.middleware.RequestSizeCapMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "learnloop.sso.middleware.ProviderFormActionMiddleware",  # inside CSP: sign-in pages
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The browser's language (Accept-Language, or the cookie the switcher sets) ...
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # ... unless the person chose one; and their school's time zone (web/locale.py).
    "learnloop.web.locale.PersonLocaleMiddleware",
    "learnloop.web.api_auth.JsonApiAuthMiddleware",  # 401/403 in JSON under /learn/api/
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "learnloop.web.middleware.RefuseUnstorableInput",  # NUL, lone surrogates, odd JSON
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "learnloop.web.middleware.NoStoreForSignedInMiddleware",
    "learnloop.web.middleware.FormOnlyAddressMiddleware",  # a page, not a blank 405
    # Last, so that it sees the flag the sign-in attempt set (django-axes' rule).
    "axes.middleware.AxesMiddleware",
]

# A JSON request's body (one answer is a few hundred bytes; a queued offline batch more).
# Separate from Django's DATA_UPLOAD_MAX_MEMORY_SIZE, which caps form bodies.
LEARNLOOP_MAX_JSON_BODY_BYTES = int(os.environ.get("LEARNLOOP_MAX_JSON_BODY_BYTES", 256 * 1024))

ROOT_URLCONF = "learnloop.config.urls"
WSGI_APPLICATION = "learnloop.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Searched before the apps: Django admin templates that LearnLoop overrides, and
        # the password pages (registration/), which django.contrib.admin also ships and
        # which would otherwise win over learnloop.web's (the admin is listed first).
        "DIRS": [PACKAGE_DIR / "web/templates/overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
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
                # Checkpoints run in a thread of each server process (core/wal.py); a
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
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Quick class sign-in (name and picture code on a shared computer), off per class.
    "learnloop.schools.quick_sign_in.PictureCodeBackend",
]
# Argon2id first (learnloop.accounts.hashers: why these parameters); the others only
# read older hashes, which are upgraded to the first on their owner's next sign-in.
PASSWORD_HASHERS = [
    "learnloop.accounts.hashers.ClassroomArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Single sign-on (learnloop.sso, docs/deployment.md): providers are a school's rows, their
# secrets environment variables; allauth only runs the OAuth 2 / OpenID Connect flows.
SOCIALACCOUNT_ADAPTER = "learnloop.sso.adapters.SchoolSocialAccountAdapter"
ACCOUNT_ADAPTER = "learnloop.sso.adapters.AccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False  # the provider's tokens are used once, never kept
SOCIALACCOUNT_LOGIN_ON_GET = False  # a sign-in starts from a posted form (CSRF)
SOCIALACCOUNT_QUERY_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_EMAIL_NOTIFICATIONS = False
LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "learnloop.web.errors.csrf_failure"  # a word, not Django's technical page
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# What LearnLoop can be read in; accounts.models.Language offers the same codes. The
# catalogues live in learnloop/locale (docs/development.md, "Translating").
LANGUAGES = [("en", "English"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "learnloop_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
# The server's zone; each signed-in person's pages use their school's (web/locale.py).
TIME_ZONE = os.environ.get("LEARNLOOP_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Each language's readable date formats ("Mon 7 Dec" / "lun 7 dic") and number marks.
FORMAT_MODULE_PATH = ["learnloop.config.formats"]
# Off on purpose: ids and numbers in URLs and form values must stay ungrouped. Counts a
# person reads are grouped where they are shown (`|intcomma`, core.numbers).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

FILE_UPLOAD_PERMISSIONS = 0o600  # uploads readable only by the server's user
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Requests whose Content-Length passes this are refused before the body is read
# (learnloop.web.middleware); it sits above the portfolio's per-file limit.
LEARNLOOP_MAX_REQUEST_MB = env_int("LEARNLOOP_MAX_REQUEST_MB", 25)
LEARNLOOP_PORTFOLIO_MAX_UPLOAD_MB = env_int("LEARNLOOP_PORTFOLIO_MAX_UPLOAD_MB", 20)
# What one student's portfolio files may add up to.
LEARNLOOP_PORTFOLIO_QUOTA_MB = env_int("LEARNLOOP_PORTFOLIO_QUOTA_MB", 200)

# Real e-mail over SMTP; the demo prints to the console and tests keep mail in memory.
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("LEARNLOOP_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("LEARNLOOP_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("LEARNLOOP_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("LEARNLOOP_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("LEARNLOOP_EMAIL_TLS", "0") == "1"  # STARTTLS, port 587
EMAIL_USE_SSL = os.environ.get("LEARNLOOP_EMAIL_SSL", "0") == "1"  # implicit TLS, port 465
EMAIL_TIMEOUT = env_int("LEARNLOOP_EMAIL_TIMEOUT", 10)  # seconds; a dead relay fails fast
DEFAULT_FROM_EMAIL = os.environ.get("LEARNLOOP_FROM_EMAIL", "LearnLoop <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Sign-in throttling (django-axes): five failures for one username from one address lock
# that pair out for 15 minutes. Keyed on the pair, so a class behind one school address is
# not locked out by one student's typing, and nobody can lock a classmate out from home.
# A one-time sign-in link the school office hands over (schools/sign_in_links.py) works
# for this many hours, once; e-mailed reset links keep Django's PASSWORD_RESET_TIMEOUT.
SIGN_IN_LINK_HOURS = env_int("LEARNLOOP_SIGN_IN_LINK_HOURS", 24)
AXES_FAILURE_LIMIT = env_int("LEARNLOOP_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LEARNLOOP_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "learnloop.accounts.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "learnloop.accounts.throttle.client_ip"
AXES_VERBOSE = False
# Not in the admin: a pause ends by itself; an operator lifts one early with
# `learnloop manage axes_reset_username USERNAME` (docs/security.md).
AXES_ENABLE_ADMIN = False
# Keep no log of successful sign-ins (addresses and browsers of every student), and let a
# failure count lapse with the pause: only what throttling needs is stored.
AXES_DISABLE_ACCESS_LOG = True
AXES_USE_ATTEMPT_EXPIRATION = True
# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0: use the peer).
LEARNLOOP_PROXY_COUNT = env_int("LEARNLOOP_PROXY_COUNT", 0)

# Content-Security-Policy on every response (django-csp): our own scripts, styles, images
# and fonts only; nothing inline except style attributes (the level bars' proportions).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-elem": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Background jobs (docs/jobs.md, ADR 0010): Django's tasks framework (the django-tasks
# backport) on its database backend, so a classroom computer needs no other service and a
# district runs `learnloop worker` on as many hosts as it likes against PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Finished jobs (succeeded or failed for good) are pruned after this many days.
LEARNLOOP_JOBS_KEEP_DAYS = env_int("LEARNLOOP_JOBS_KEEP_DAYS", 14)
# The nightly engine refit: local hour (TIME_ZONE) at which it runs; -1 turns it off.
LEARNLOOP_NIGHTLY_REFIT_HOUR = env_int("LEARNLOOP_NIGHTLY_REFIT_HOUR", 2)
# LTI (docs/integrations.md): scores are passed back every this many seconds, class
# membership synced daily at this local hour, once an LMS is registered.
LEARNLOOP_LTI_SCORES_SECONDS = env_int("LEARNLOOP_LTI_SCORES_SECONDS", 300)
LEARNLOOP_LTI_SYNC_HOUR = env_int("LEARNLOOP_LTI_SYNC_HOUR", 3)
# The weekly family digest (docs/family.md) is checked daily at this local hour; -1: off.
LEARNLOOP_DIGEST_HOUR = env_int("LEARNLOOP_DIGEST_HOUR", 17)
# xAPI statements go to each school's LRS in batches of this size (docs/integrations.md).
LEARNLOOP_XAPI_BATCH = env_int("LEARNLOOP_XAPI_BATCH", 50)
# "answered" statements are taken from the response log once a response is this old, so
# that an answer whose transaction has not yet committed is never passed over (ADR 0017).
LEARNLOOP_XAPI_SETTLE_SECONDS = env_int("LEARNLOOP_XAPI_SETTLE_SECONDS", 60)

SESSION_ENGINE = "learnloop.core.sessions"  # Django's database sessions, read in plain SQL
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
    "loggers": {
        "django.request": {"level": "ERROR"},
        # The job worker's "starting / no more tasks" lines, every few seconds: not news.
        "django_tasks_db": {"level": "WARNING"},
    },
}
