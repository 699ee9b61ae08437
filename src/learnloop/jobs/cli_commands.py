"""`learnloop worker` (run background jobs) and `learnloop prune-jobs`."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from types import FrameType


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    worker = subparsers.add_parser(
        "worker",
        help="Run background jobs (xAPI sending, nightly refit, pruning) from the database queue.",
    )
    worker.add_argument(
        "--interval", type=float, default=5.0, help="seconds between passes (default 5)"
    )
    worker.add_argument(
        "--once", action="store_true", help="run every job ready now, then exit (cron, tests)"
    )
    worker.set_defaults(handler=run_worker)
    prune = subparsers.add_parser("prune-jobs", help="Delete finished jobs older than N days.")
    prune.add_argument("--days", type=int, default=None, help="default LEARNLOOP_JOBS_KEEP_DAYS")
    prune.set_defaults(handler=run_prune)


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.dev")
    import django

    django.setup()


def run_worker(args: argparse.Namespace) -> int:
    if not args.interval > 0:
        print("learnloop worker: --interval must be more than 0")
        return 2
    _django()
    from learnloop.jobs.worker import run_forever, run_ready_jobs

    if args.once:
        print(f"ran {run_ready_jobs()} job(s)", flush=True)
        return 0
    stop = threading.Event()

    def finish(signum: int, frame: FrameType | None) -> None:
        print("learnloop worker: stopping after the current job", flush=True)
        stop.set()

    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    print(f"learnloop worker: polling every {args.interval:g} s (Ctrl+C stops it)", flush=True)
    run_forever(interval=args.interval, stop=stop)
    return 0


def run_prune(args: argparse.Namespace) -> int:
    _django()
    from learnloop.jobs.services import prune_finished_jobs

    try:
        deleted = prune_finished_jobs(days=args.days)
    except ValueError as error:
        print(f"prune-jobs: {error}")
        return 2
    print(f"deleted {deleted} finished job(s)")
    return 0
