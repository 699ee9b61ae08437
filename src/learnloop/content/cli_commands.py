"""`learnloop import-qti FILE_OR_ZIP [--school SLUG] [--draft] [--strict]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "import-qti",
        help="Import QTI 2.1/2.2/3.0 items from an XML file or a zip (content package).",
    )
    command.add_argument("path", type=Path, metavar="FILE_OR_ZIP")
    command.add_argument(
        "--school", metavar="SLUG", help="Import into this school (default: the shared library)."
    )
    command.add_argument(
        "--draft", action="store_true", help="Import as drafts instead of published items."
    )
    command.add_argument(
        "--strict",
        action="store_true",
        help="Refuse the whole package if any item cannot be imported "
        "(default: import the others and list each skipped item with its reason).",
    )
    command.set_defaults(handler=run_import_qti)


def _django(settings_module: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def run_import_qti(args: argparse.Namespace) -> int:
    _django("learnloop.config.settings.dev")
    from learnloop.content.models import Status
    from learnloop.content.qti_import import QtiImportError, import_qti
    from learnloop.schools.models import School

    school = None
    if args.school:
        school = School.objects.filter(slug=args.school).first()
        if school is None:
            print(f"No school with slug {args.school!r}.", file=sys.stderr)
            return 2
    status = Status.DRAFT if args.draft else Status.PUBLISHED
    try:
        report = import_qti(path=args.path, school=school, status=status, strict=args.strict)
    except QtiImportError as error:
        print(f"Nothing imported: {len(error.problems)} problem(s).", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for notice in report.skipped:
        print(f"  {notice}")
    for note in report.notes:
        print(f"  note: {note}")
    for problem in report.skipped_items:
        print(f"  skipped item: {problem}", file=sys.stderr)
    print(f"Imported QTI items: {report.created} created, {report.updated} updated.")
    if report.skipped_items:
        print(
            f"Skipped {len(report.skipped_items)} item(s) that cannot be imported "
            "(listed above; --strict refuses the whole package instead)."
        )
    return 0
