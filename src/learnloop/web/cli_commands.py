"""`learnloop demo`, `learnloop serve` and `learnloop seed-demo`."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    demo = subparsers.add_parser(
        "demo", help="Migrate, seed the demo school and serve it on 127.0.0.1."
    )
    demo.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    demo.add_argument("--host", default="127.0.0.1", help="Use 0.0.0.0 to serve the LAN.")
    demo.set_defaults(handler=run_demo)

    serve = subparsers.add_parser(
        "serve", help="Serve LearnLoop with gunicorn (production settings) for a classroom or LAN."
    )
    serve.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--workers", type=int, default=default_workers())
    serve.add_argument("--https", action="store_true", help="Behind a TLS proxy: secure cookies.")
    serve.set_defaults(handler=run_serve)

    seed = subparsers.add_parser("seed-demo", help="Create or update the demo school.")
    seed.set_defaults(handler=run_seed_demo)


def default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


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


def run_demo(args: argparse.Namespace) -> int:
    run_seed_demo(args)
    print(f"\nLearnLoop demo: http://{args.host}:{args.port}/  (Ctrl+C stops it)\n", flush=True)
    return _exec_gunicorn(
        args.host, args.port, workers=2, settings="learnloop.config.settings.demo"
    )


def run_serve(args: argparse.Namespace) -> int:
    data_dir = Path(os.environ.get("LEARNLOOP_DATA_DIR", Path.cwd() / "var")).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("LEARNLOOP_SECRET_KEY", _persistent_secret(data_dir / "secret_key"))
    os.environ.setdefault("LEARNLOOP_HTTPS", "1" if args.https else "0")
    os.environ.setdefault("LEARNLOOP_ALLOWED_HOSTS", "*")
    _django("learnloop.config.settings.prod")
    _call("migrate", "--noinput", "-v", "0")
    _call("collectstatic", "--noinput", "-v", "0")
    print(f"LearnLoop serving on http://{args.host}:{args.port}/ with {args.workers} workers")
    return _exec_gunicorn(
        args.host, args.port, workers=args.workers, settings="learnloop.config.settings.prod"
    )


def _persistent_secret(path: Path) -> str:
    """A classroom computer keeps one random secret across restarts, readable only by us."""
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def _exec_gunicorn(host: str, port: int, *, workers: int, settings: str) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    argv = [
        sys.executable, "-m", "gunicorn", "learnloop.config.wsgi:application",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--access-logfile", "-",
        "--graceful-timeout", "10",
    ]  # fmt: skip
    os.execv(sys.executable, argv)
    return 0  # pragma: no cover - execv does not return
