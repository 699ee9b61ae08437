"""`learnloop send-digests`: this week's family digest to every guardian it is due for."""

from __future__ import annotations

import argparse
import os


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "send-digests",
        help="Email this week's digest to each guardian whose choice makes one due "
        "(idempotent: a guardian gets at most one per week, however often it runs).",
        description="Sends through Django's mail settings (LEARNLOOP_EMAIL_*; the dev "
        "settings print emails to the console). Guardians with no email address, no "
        "linked child or who unsubscribed are skipped. Exit status 1 when any send failed.",
    )
    command.set_defaults(handler=run_send_digests)


def run_send_digests(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.dev")
    import django

    django.setup()
    from learnloop.family.services import send_due_digests

    run = send_due_digests()
    print(
        f"digests for the week of {run.week_of}: {len(run.sent)} sent, "
        f"{len(run.skipped)} skipped, {len(run.failed)} failed",
        flush=True,
    )
    for username in run.failed:
        print(f"  not sent (mail relay): {username}", flush=True)
    return 1 if run.failed else 0
