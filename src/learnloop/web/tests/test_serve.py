"""`learnloop serve` really serves: migrations, static files through whitenoise, gunicorn."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite classroom path"
)
def test_serve_on_a_classroom_computer(tmp_path: Path) -> None:
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")
    }
    env |= {"LEARNLOOP_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "learnloop.cli", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", "2"]
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                if fetch(f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("server did not come up")
        status, _, login = fetch(f"{base}/accounts/login/")
        assert status == 200 and "Sign in to LearnLoop" in login
        css = re.search(r'href="(/static/web/learnloop\.[0-9a-f]+\.css)"', login)
        assert css, "static files are hashed for far-future caching"
        status, headers, _ = fetch(base + css.group(1))
        assert status == 200 and "immutable" in headers.get("Cache-Control", "")
        status, _, missing = fetch(f"{base}/no-such-page")
        assert status == 404 and "Page not found" in missing and "Traceback" not in missing
        assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        log.close()


def test_a_worker_imports_every_view_as_it_boots(tmp_path: Path) -> None:
    """wsgi.py loads the URLconf, so no student's first request pays for the imports."""
    code = (
        "import sys; import learnloop.config.wsgi; "
        "print('learnloop.learning.api' in sys.modules, 'learnloop.config.urls' in sys.modules)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"LEARNLOOP_DATA_DIR": str(tmp_path), "LEARNLOOP_SECRET_KEY": "test-" + "x" * 50}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True"]
