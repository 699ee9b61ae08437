"""`learnloop import-case FILE [--strict]` and `learnloop export-case IDENTIFIER [-o FILE]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from learnloop.web.cli_commands import _django

SETTINGS = "learnloop.config.settings.dev"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    importer = subparsers.add_parser(
        "import-case",
        help="Import (or update) a standards framework from a CASE 1.0/1.1 CFPackage JSON file.",
    )
    importer.add_argument("file", type=Path, help="CFPackage JSON file")
    importer.add_argument(
        "--strict",
        action="store_true",
        help="Refuse any deviation: validate against the CASE 1.1 JSON schema first and "
        "report every violation (default: lenient, read unambiguous deviations and warn).",
    )
    importer.add_argument(
        "--schema",
        type=Path,
        default=None,
        help="The CASE 1.1 CFPackage JSON schema (default: $LEARNLOOP_CASE_SCHEMA, then "
        "../shared/samples/case/schemas/ beside the repository).",
    )
    importer.set_defaults(handler=run_import_case)

    exporter = subparsers.add_parser(
        "export-case", help="Write a framework as a CASE 1.1 CFPackage JSON file."
    )
    exporter.add_argument("identifier", help="The framework's CASE identifier (CFDocument)")
    exporter.add_argument("-o", "--output", type=Path, default=None, help="File (default: stdout)")
    exporter.set_defaults(handler=run_export_case)


def run_import_case(args: argparse.Namespace) -> int:
    _django(SETTINGS)
    from learnloop.standards.services import CaseImportError, import_case_file

    _migrate_if_fresh()

    try:
        report = import_case_file(path=args.file, strict=args.strict, schema_path=args.schema)
    except CaseImportError as error:
        print(f"import-case: {error}", file=sys.stderr)
        return 1
    framework = report.framework
    for warning in report.warnings:
        print(f"import-case: warning: {warning}", file=sys.stderr)
    print(f"Framework {framework.title!r} ({framework.identifier})")
    print(f"  documents:    {report.documents}")
    print(f"  items:        {report.items}")
    print(f"  associations: {report.associations}")
    if report.deleted_associations:
        print(f"  associations no longer in the package, deleted: {report.deleted_associations}")
    if report.kept_missing_items:
        print(f"  items no longer in the package, kept: {report.kept_missing_items}")
    if report.warnings:
        print(f"  warnings:     {len(report.warnings)} (read leniently; --strict refuses them)")
    return 0


def _migrate_if_fresh() -> None:
    """A fresh classroom machine has no tables yet; create them before the first import."""
    from django.core.management import call_command
    from django.db import connection

    from learnloop.standards.models import Framework

    if Framework._meta.db_table not in connection.introspection.table_names():
        call_command("migrate", "--noinput", "-v", "0")


def run_export_case(args: argparse.Namespace) -> int:
    _django(SETTINGS)
    from learnloop.standards.case_export import framework_as_case_package
    from learnloop.standards.models import Framework

    framework = Framework.objects.filter(identifier=args.identifier).first()
    if framework is None:
        print(f"export-case: no framework with identifier {args.identifier!r}", file=sys.stderr)
        return 1
    text = json.dumps(framework_as_case_package(framework), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {framework.title!r} to {args.output}", file=sys.stderr)
    return 0
