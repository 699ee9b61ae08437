"""Production settings refuse the demo's secret and "*" hosts; e-mail comes from the
environment (SMTP), the console only in the demo and development, memory in tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from learnloop.config.settings.base import DEMO_SECRET_KEY

GOOD_SECRET = "x" * 20 + "a-long-random-production-secret-0123456789"
SHOW = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({k: getattr(s, k) for k in ("
    "'EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_USE_TLS', "
    "'ALLOWED_HOSTS', 'SITE_URL')}))"
)


def settings_of(module: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("LEARNLOOP_") and k != "DJANGO_SETTINGS_MODULE"
    }
    base |= {"DJANGO_SETTINGS_MODULE": module, "LEARNLOOP_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", SHOW], env=base | env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_the_demo_secret(tmp_path: Path) -> None:
    result = settings_of(
        "learnloop.config.settings.prod", tmp_path, LEARNLOOP_SECRET_KEY=DEMO_SECRET_KEY
    )
    assert result.returncode != 0 and "demo's published key" in result.stderr


def test_production_refuses_any_host(tmp_path: Path) -> None:
    result = settings_of(
        "learnloop.config.settings.prod",
        tmp_path,
        LEARNLOOP_SECRET_KEY=GOOD_SECRET,
        LEARNLOOP_ALLOWED_HOSTS="learn.example.org,*",
    )
    assert result.returncode != 0 and "may not contain '*'" in result.stderr


def test_production_mails_over_smtp_from_the_environment(tmp_path: Path) -> None:
    result = settings_of(
        "learnloop.config.settings.prod",
        tmp_path,
        LEARNLOOP_SECRET_KEY=GOOD_SECRET,
        LEARNLOOP_ALLOWED_HOSTS="learn.example.org",
        LEARNLOOP_SITE_URL="https://learn.example.org",
        LEARNLOOP_EMAIL_HOST="smtp.example.org",
        LEARNLOOP_EMAIL_PORT="587",
        LEARNLOOP_EMAIL_USER="learnloop",
        LEARNLOOP_EMAIL_TLS="1",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (shown["EMAIL_HOST"], shown["EMAIL_PORT"]) == ("smtp.example.org", 587)
    assert shown["EMAIL_HOST_USER"] == "learnloop" and shown["EMAIL_USE_TLS"] is True
    assert shown["ALLOWED_HOSTS"] == ["learn.example.org"]
    assert shown["SITE_URL"] == "https://learn.example.org"


@pytest.mark.parametrize(
    "module", ["learnloop.config.settings.demo", "learnloop.config.settings.dev"]
)
def test_the_demo_and_development_print_mail_and_answer_loopback_only(
    module: str, tmp_path: Path
) -> None:
    result = settings_of(module, tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert shown["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]


def test_tests_keep_mail_in_memory() -> None:
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
