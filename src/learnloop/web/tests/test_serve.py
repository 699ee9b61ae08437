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
        assert (tmp_path / "learnloop.sqlite3").stat().st_mode & 0o777 == 0o600
        assert tmp_path.stat().st_mode & 0o777 == 0o700
        forged = urllib.request.Request(f"{base}/accounts/login/", headers={"Host": "evil.example"})
        try:
            urllib.request.urlopen(forged, timeout=5)
            pytest.fail("a forged Host header was served")
        except urllib.error.HTTPError as error:
            assert error.code == 400
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


def serve_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "LEARNLOOP_SECRET_KEY", "PORT")
    }
    return env | {"LEARNLOOP_DATA_DIR": str(tmp_path / "var")} | extra


def serve_check(env: dict[str, str], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "learnloop.cli", "serve", "--check", *flags],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_serve_refuses_the_demo_secret_key(tmp_path: Path) -> None:
    from learnloop.config.settings.base import DEMO_SECRET_KEY

    result = serve_check(serve_env(tmp_path, LEARNLOOP_SECRET_KEY=DEMO_SECRET_KEY))
    assert result.returncode == 2
    assert "demo's published secret key" in result.stderr
    assert not (tmp_path / "var" / "learnloop.sqlite3").exists()


def test_serve_refuses_any_host(tmp_path: Path) -> None:
    result = serve_check(serve_env(tmp_path), "--allowed-hosts", "*")
    assert result.returncode != 0 and "may not be '*'" in str(result.stderr) + str(result.stdout)


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="SQLite classroom path"
)
def test_serve_makes_a_private_data_folder_and_keeps_its_secret(tmp_path: Path) -> None:
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    (var / "media").mkdir(mode=0o755)
    (var / "media" / "old.png").write_bytes(b"x")
    (var / "media" / "old.png").chmod(0o644)
    env = serve_env(tmp_path)
    result = serve_check(env, "--allowed-hosts", "learn.school.example,10.0.0.5")
    assert result.returncode == 0, result.stderr
    assert "answering to learn.school.example,10.0.0.5" in result.stdout
    assert "links use http://learn.school.example:8000" in result.stdout
    assert var.stat().st_mode & 0o777 == 0o700
    assert (var / "media").stat().st_mode & 0o777 == 0o700
    assert (var / "media" / "old.png").stat().st_mode & 0o777 == 0o600
    for name in ("learnloop.sqlite3", "secret_key"):
        assert (var / name).stat().st_mode & 0o777 == 0o600, name
    secret = (var / "secret_key").read_text()
    assert len(secret) >= 50
    assert serve_check(env).returncode == 0
    assert (var / "secret_key").read_text() == secret, "the secret is kept across restarts"


def test_a_lan_server_answers_to_its_own_names_only() -> None:
    from learnloop.web.cli_commands import hosts_for_bind

    assert hosts_for_bind("127.0.0.1") == ["localhost", "127.0.0.1", "[::1]"]
    assert hosts_for_bind("10.0.0.5")[-1] == "10.0.0.5"
    lan = hosts_for_bind("0.0.0.0")
    assert "*" not in lan and "localhost" in lan and socket.gethostname() in lan


def test_e_mailed_links_default_to_a_reachable_name_and_port() -> None:
    from learnloop.web.cli_commands import default_site_url

    lan = ["localhost", "127.0.0.1", "[::1]", "school-laptop", "10.0.0.5"]
    assert default_site_url(lan, 8000, https=False) == "http://school-laptop:8000"
    assert default_site_url(["127.0.0.1"], 80, https=False) == "http://127.0.0.1"
    assert default_site_url(["learn.example.org"], 8000, https=True) == "https://learn.example.org"


def test_a_worker_boots_without_the_heavy_numerical_libraries(tmp_path: Path) -> None:
    """Only what a page needs is loaded with the app (and shared by the workers, which
    fork from it): scipy waits for a fit, sympy for a math answer, reportlab for a PDF."""
    heavy = ("scipy", "sympy", "reportlab", "mpmath")
    code = "import sys; import learnloop.config.wsgi; print([m for m in %r if m in sys.modules])"
    code %= (heavy,)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env |= {"LEARNLOOP_DATA_DIR": str(tmp_path), "LEARNLOOP_SECRET_KEY": "test-" + "x" * 50}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.django_db(transaction=True)
def test_gunicorn_preloads_and_sets_up_each_worker_after_the_fork(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The master loads the app once; before a fork it drops its database connections,
    and after it the worker starts its own WAL checkpointer (threads do not survive)."""
    import gc

    from django.db import connection

    from learnloop.config import gunicorn
    from learnloop.core import wal

    assert gunicorn.preload_app is True
    connection.ensure_connection()
    try:
        gunicorn.pre_fork(server=None, worker=None)
        # Django keeps the in-memory SQLite test database open on purpose; a file or a
        # PostgreSQL connection is closed.
        assert connection.connection is None or connection.is_in_memory_db()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    started: list[str] = []
    monkeypatch.setattr(wal, "start_checkpointer", lambda: started.append("checkpointer"))
    gunicorn.post_fork(server=None, worker=None)
    assert started == ["checkpointer"]


def test_serve_sizes_its_workers_for_the_database_and_returns_big_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite one process per two cores (each loads sympy and reportlab for itself) with
    threads; on PostgreSQL 2 x cores + 1 sync workers; glibc gives a sign-in's 19 MiB
    Argon2 buffer back at once."""
    from learnloop.web import cli_commands

    monkeypatch.delenv("DATABASE_URL", raising=False)
    for cores, workers in ((1, 1), (2, 1), (4, 2), (16, 4)):
        monkeypatch.setattr(os, "cpu_count", lambda cores=cores: cores)
        assert cli_commands.default_workers() == workers
    assert cli_commands.default_threads() == cli_commands.SQLITE_THREADS
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x")
    assert cli_commands.default_workers() == 9 and cli_commands.default_threads() == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert cli_commands.default_workers() == 5
    ran: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda _path, argv: ran.append(list(argv)))
    environment = {k: v for k, v in os.environ.items() if k not in cli_commands.MALLOC_ENVIRONMENT}
    monkeypatch.setattr(os, "environ", environment)  # what the exec'd gunicorn inherits
    cli_commands._exec_gunicorn(
        "127.0.0.1", 8000, workers=2, threads=4, settings="learnloop.config.settings.prod"
    )
    argv = " ".join(ran[0])
    assert "--workers 2" in argv and "--threads 4" in argv
    assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "131072"
    assert os.environ["MALLOC_ARENA_MAX"] == "2"


def test_serve_refuses_fewer_than_one_worker_or_thread(tmp_path: Path) -> None:
    for option in ("--workers", "--threads"):
        result = serve_check(serve_env(tmp_path), option, "0")
        assert result.returncode == 2
        assert "must be at least 1" in result.stderr
        assert not (tmp_path / "var" / "learnloop.sqlite3").exists()
