"""`learnloop demo`, `learnloop serve` and `learnloop seed-demo`."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path

from learnloop.web.serving import (
    DataDirError,
    persistent_secret,
    secure_data_dir,
    tighten_database_files,
)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo", help="Migrate, seed the demo school and serve it on 127.0.0.1."
    )
    demo.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    demo.add_argument("--host", default="127.0.0.1", help="Use 0.0.0.0 to serve the LAN.")
    demo.add_argument(
        "--allowed-hosts",
        help="Comma-separated host names to answer to (default: the addresses bound).",
    )
    demo.set_defaults(handler=run_demo)

    serve = subparsers.add_parser(
        "serve", help="Serve LearnLoop with gunicorn (production settings) for a classroom or LAN."
    )
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument(
        "--host", default="0.0.0.0", help="Address to bind (0.0.0.0: every interface, the LAN)."
    )
    serve.add_argument(
        "--allowed-hosts",
        help=(
            "Comma-separated host names people type, e.g. learn.school.example "
            "(default: LEARNLOOP_ALLOWED_HOSTS, else this computer's names and addresses)."
        ),
    )
    serve.add_argument(
        "--site-url",
        help="Address used in e-mailed links, e.g. https://learn.school.example "
        "(default: LEARNLOOP_SITE_URL, else the first allowed host).",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=default_workers(),
        help="gunicorn worker processes (default on SQLite: one per two cores, 1 to 4; "
        "with a PostgreSQL DATABASE_URL: 2 x cores + 1, at most 9).",
    )
    serve.add_argument(
        "--threads",
        type=int,
        default=default_threads(),
        help=f"Threads per worker (default {SQLITE_THREADS} on SQLite, 1 on PostgreSQL).",
    )
    serve.add_argument("--https", action="store_true", help="Behind a TLS proxy: secure cookies.")
    serve.add_argument(
        "--check",
        action="store_true",
        help="Prepare the data folder, migrate and collect static files, then exit.",
    )
    serve.set_defaults(handler=run_serve)

    seed = subparsers.add_parser("seed-demo", help="Create or update the demo school.")
    seed.set_defaults(handler=run_seed_demo)


#: requests one worker serves at once on SQLite: a slow upload, a PDF or a sign-in's
#: password hash (which runs outside the GIL) holds a thread, not a process
SQLITE_THREADS = 8


def default_workers() -> int:
    """gunicorn processes for `learnloop serve`: few on SQLite, more on PostgreSQL.

    SQLite (a classroom computer): one process per two cores, 1 to 4, each with
    SQLITE_THREADS threads. Every process keeps its own copy of what it loads on demand
    (sympy for math answers, reportlab for PDFs: 30 to 50 MB each), so two processes on
    two cores end a class session at 208-214 MB and one at 148-149 MB
    (docs/benchmarks/system.md), and SQLite has one writer at a time anyway.
    PostgreSQL (an app host): `2 x cores + 1` sync processes, at most 9.
    """
    cores = os.cpu_count() or 1
    if _postgres():
        return min(2 * cores + 1, 9)
    return min(max(cores // 2, 1), 4)


def default_threads() -> int:
    return 1 if _postgres() else SQLITE_THREADS


def _postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def _django(settings_module: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def _call(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def run_seed_demo(args: argparse.Namespace) -> int:
    _django("learnloop.config.settings.demo")
    _call("migrate", "--noinput", "-v", "0")
    _call("seed_demo")
    return 0


def hosts_for_bind(host: str) -> list[str]:
    """The names a server bound to `host` answers to: never "*".

    Bound to every interface (0.0.0.0 or ::), that is loopback plus this computer's
    name and LAN addresses, so phones on the classroom network can reach it.
    """
    hosts = ["localhost", "127.0.0.1", "[::1]"]
    if host in ("0.0.0.0", "::", ""):
        hosts += _local_names_and_addresses()
    else:
        hosts.append(f"[{host}]" if ":" in host else host)
    return list(dict.fromkeys(hosts))


def _local_names_and_addresses() -> list[str]:
    names = [socket.gethostname(), socket.getfqdn()]
    addresses: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            addresses.append(str(info[4][0]))
    except OSError:
        pass
    try:  # the address of the route out (no packet is sent by connecting UDP)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            addresses.append(str(probe.getsockname()[0]))
    except OSError:
        pass
    bracketed = [f"[{a.split('%')[0]}]" if ":" in a else a for a in addresses]
    return [name for name in [*names, *bracketed] if name]


def _allowed_hosts(args: argparse.Namespace) -> str:
    chosen = args.allowed_hosts or os.environ.get("LEARNLOOP_ALLOWED_HOSTS", "")
    hosts = [h.strip() for h in chosen.split(",") if h.strip()] or hosts_for_bind(args.host)
    if "*" in hosts:
        raise SystemExit("learnloop: --allowed-hosts may not be '*'; list the names people type.")
    return ",".join(hosts)


def default_site_url(hosts: list[str], port: int, *, https: bool) -> str:
    """Where e-mailed links point when no --site-url is given: a name other computers
    can reach (the first that is not loopback), with gunicorn's port unless a TLS
    proxy in front answers on 443."""
    loopback = {"localhost", "127.0.0.1", "[::1]"}
    host = next((h.lstrip(".") for h in hosts if h not in loopback), hosts[0])
    if https:
        return f"https://{host}"
    return f"http://{host}" if port == 80 else f"http://{host}:{port}"


def _site_url(args: argparse.Namespace, https: bool) -> None:
    if getattr(args, "site_url", None):
        os.environ["LEARNLOOP_SITE_URL"] = args.site_url
    elif not os.environ.get("LEARNLOOP_SITE_URL"):
        hosts = os.environ["LEARNLOOP_ALLOWED_HOSTS"].split(",")
        os.environ["LEARNLOOP_SITE_URL"] = default_site_url(hosts, args.port, https=https)


def run_demo(args: argparse.Namespace) -> int:
    os.environ["LEARNLOOP_ALLOWED_HOSTS"] = _allowed_hosts(args)
    _site_url(args, https=False)
    run_seed_demo(args)
    # Background jobs (xAPI sending, the nightly refit) run in one server process's thread:
    # a classroom computer needs no `learnloop worker` of its own (docs/jobs.md).
    os.environ["LEARNLOOP_INPROCESS_WORKER"] = "1"
    print(f"\nLearnLoop demo: http://{args.host}:{args.port}/  (Ctrl+C stops it)\n", flush=True)
    return _exec_gunicorn(
        args.host, args.port, workers=2, threads=1, settings="learnloop.config.settings.demo"
    )


def run_serve(args: argparse.Namespace) -> int:
    from learnloop.config.settings.base import DEMO_SECRET_KEY

    if args.workers < 1 or args.threads < 1:
        print("learnloop serve: --workers and --threads must be at least 1", file=sys.stderr)
        return 2
    # Everything this process and its workers create (database, WAL, uploads, secret)
    # is readable by the server's user only.
    os.umask(0o077)
    data_dir = Path(os.environ.get("LEARNLOOP_DATA_DIR", Path.cwd() / "var")).resolve()
    try:
        secure_data_dir(data_dir)
        secret = os.environ.get("LEARNLOOP_SECRET_KEY") or persistent_secret(
            data_dir / "secret_key"
        )
    except DataDirError as error:
        print(f"learnloop serve: {error}", file=sys.stderr)
        return 2
    if secret == DEMO_SECRET_KEY:
        print(
            "learnloop serve: refusing to start with the demo's published secret key. Unset "
            "LEARNLOOP_SECRET_KEY to have one generated and kept in the data folder, or set "
            "a long random value of your own.",
            file=sys.stderr,
        )
        return 2
    os.environ["LEARNLOOP_SECRET_KEY"] = secret
    os.environ["LEARNLOOP_ALLOWED_HOSTS"] = _allowed_hosts(args)
    os.environ.setdefault("LEARNLOOP_HTTPS", "1" if args.https else "0")
    _site_url(args, https=os.environ["LEARNLOOP_HTTPS"] != "0")
    _django("learnloop.config.settings.prod")
    _call("migrate", "--noinput", "-v", "0")
    _call("collectstatic", "--noinput", "-v", "0")
    tighten_database_files(data_dir)
    hosts = os.environ["LEARNLOOP_ALLOWED_HOSTS"]
    if args.check:
        site = os.environ["LEARNLOOP_SITE_URL"]
        print(f"LearnLoop ready in {data_dir}; answering to {hosts}; links use {site}")
        return 0
    print(
        f"LearnLoop serving on http://{args.host}:{args.port}/ with {args.workers} workers"
        f" of {args.threads} threads"
    )
    print(f"Answering to: {hosts}  (change with --allowed-hosts)")
    return _exec_gunicorn(
        args.host,
        args.port,
        workers=args.workers,
        threads=args.threads,
        settings="learnloop.config.settings.prod",
    )


#: glibc malloc, read when gunicorn starts (its workers inherit it). A fixed mmap
#: threshold: a freed large block (a sign-in's 19 MiB Argon2 buffer) goes back to the
#: system at once, where by default the threshold rises after the first one and every
#: worker then keeps that much in its heap. Two arenas: threads do not each grow their own.
MALLOC_ENVIRONMENT = {"MALLOC_MMAP_THRESHOLD_": "131072", "MALLOC_ARENA_MAX": "2"}


def _exec_gunicorn(host: str, port: int, *, workers: int, threads: int, settings: str) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    for name, value in MALLOC_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    argv = [
        sys.executable, "-m", "gunicorn", "learnloop.config.wsgi:application",
        "--config", "python:learnloop.config.gunicorn",  # preload_app and its fork hooks
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--threads", str(threads),  # more than 1: gunicorn's gthread worker
        "--access-logfile", "-",
        "--graceful-timeout", "10",
        "--umask", "0o077",
    ]  # fmt: skip
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover - execv does not return
