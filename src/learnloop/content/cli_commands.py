"""`learnloop import-qti FILE_OR_ZIP [--strict]` and `learnloop import-oatutor PATH`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any


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
    oatutor = subparsers.add_parser(
        "import-oatutor",
        help="Import an OATutor content pool (a folder or .tar.xz laid out as upstream).",
    )
    oatutor.add_argument("path", type=Path, metavar="PATH")
    oatutor.add_argument(
        "--course",
        action="append",
        default=[],
        metavar="NAME",
        help="Import only this course (repeatable; default: every course).",
    )
    oatutor.add_argument(
        "--lesson",
        action="append",
        default=[],
        metavar="NAME",
        help='Import only this lesson of the chosen courses, by name ("Lesson 2.1") or id '
        "(repeatable; default: every lesson).",
    )
    oatutor.add_argument(
        "--school", metavar="SLUG", help="Import into this school (default: the shared library)."
    )
    oatutor.set_defaults(handler=run_import_oatutor)


def _django(settings_module: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def _school(slug: str | None) -> tuple[Any, bool]:
    """The school named by --school (None for the shared library), and whether it exists."""
    from learnloop.schools.models import School

    if not slug:
        return None, True
    school = School.objects.filter(slug=slug).first()
    if school is None:
        print(f"No school with slug {slug!r}.", file=sys.stderr)
    return school, school is not None


def _nothing_imported(problems: list[str], count: int = 0) -> int:
    """Print the refusal: `count` problems in all (default: as many as listed)."""
    print(f"Nothing imported: {count or len(problems)} problem(s).", file=sys.stderr)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def run_import_qti(args: argparse.Namespace) -> int:
    _django("learnloop.config.settings.dev")
    from learnloop.content.models import Status
    from learnloop.content.qti_import import QtiImportError, import_qti

    school, found = _school(args.school)
    if not found:
        return 2
    status = Status.DRAFT if args.draft else Status.PUBLISHED
    try:
        report = import_qti(path=args.path, school=school, status=status, strict=args.strict)
    except QtiImportError as error:
        return _nothing_imported(error.problems)
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


def run_import_oatutor(args: argparse.Namespace) -> int:
    _django("learnloop.config.settings.dev")
    from learnloop.content.oatutor_import import import_oatutor
    from learnloop.content.oatutor_reader import OatutorError

    school, found = _school(args.school)
    if not found:
        return 2
    try:
        report = import_oatutor(
            path=args.path, courses=args.course, school=school, lessons=args.lesson
        )
    except OatutorError as error:
        return _nothing_imported(error.problems)
    refused = [course for course in report.courses if not course.imported]
    for course in report.courses:
        if course.imported:
            print(
                f"{course.name}: {course.standards} standards, {course.activities} activities, "
                f"items {course.items_created} created, {course.items_updated} updated, "
                f"{course.items_unchanged} unchanged; "
                f"{course.published} published ({course.several_steps_published} of "
                f"{course.several_steps} with several steps, served step by step), "
                f"not published: {course.missing_figures} missing figures, "
                f"{course.not_gradable} with an answer the grader cannot take; "
                f"{course.figures_stored} figures stored."
            )
        else:
            print(f"{course.name}: refused, {len(course.problems)} problem(s):", file=sys.stderr)
            for problem in course.problems:
                print(f"  {problem}", file=sys.stderr)
    print(
        f"Imported {len(report.courses) - len(refused)} of {len(report.courses)} course(s), "
        f"{report.priors} BKT priors set, in {report.seconds:.1f} s."
    )
    return 1 if refused else 0
