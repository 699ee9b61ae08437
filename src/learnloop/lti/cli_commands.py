"""`learnloop lti-send-scores`, `lti-sync-members`, `lti-rotate-key`."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(subparsers: Any) -> None:
    scores = subparsers.add_parser(
        "lti-send-scores", help="Send changed and due scores to the LMS gradebooks (LTI AGS)."
    )
    scores.set_defaults(handler=send_scores)
    members = subparsers.add_parser(
        "lti-sync-members", help="Sync class membership from the LMS courses (LTI NRPS)."
    )
    members.set_defaults(handler=sync_members)
    rotate = subparsers.add_parser(
        "lti-rotate-key",
        help="Make a new tool signing key; the old one stays published for seven days.",
    )
    rotate.set_defaults(handler=rotate_key)


def _setup() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.dev")
    django.setup()


def send_scores(args: argparse.Namespace) -> int:
    _setup()
    from learnloop.lti.scores import send_due_scores

    report = send_due_scores()
    print(f"queued {report.queued}, sent {report.sent}, failed {report.failed} (retried later)")
    return 0


def sync_members(args: argparse.Namespace) -> int:
    _setup()
    from learnloop.lti.members import sync_all_classes

    report = sync_all_classes()
    print(f"classes {report.classes}, placed {report.placed}, skipped {report.skipped}")
    for failure in report.failed:
        print(f"failed: {failure}")
    return 1 if report.failed else 0


def rotate_key(args: argparse.Namespace) -> int:
    _setup()
    from learnloop.lti.keys import rotate_key as rotate

    key = rotate()
    print(f"new signing key {key.kid}; the previous one stays published for seven days")
    return 0
