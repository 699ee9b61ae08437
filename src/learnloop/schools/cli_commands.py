"""`learnloop import-oneroster PATH [--school SLUG] [--dry-run]`: a OneRoster 1.1/1.2 CSV roster."""

from __future__ import annotations

import argparse
from pathlib import Path

from learnloop.content.cli_commands import _django, _nothing_imported, _school


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "import-oneroster",
        help="Import (or update) schools, terms, classes and people from a OneRoster 1.1 or "
        "1.2 CSV roster: a folder or a zip with manifest.csv.",
    )
    command.add_argument("path", type=Path, metavar="FOLDER_OR_ZIP")
    command.add_argument(
        "--school",
        metavar="SLUG",
        help="Import into this existing school (the roster must hold one school); "
        "default: create or update every school the roster's orgs.csv names.",
    )
    command.add_argument(
        "--dry-run", action="store_true", help="Print what would change and write nothing."
    )
    command.set_defaults(handler=run_import_oneroster)


def run_import_oneroster(args: argparse.Namespace) -> int:
    _django("learnloop.config.settings.dev")
    from learnloop.schools.oneroster.importing import RosterError, import_roster, plan_summary
    from learnloop.standards.cli_commands import _migrate_if_fresh

    _migrate_if_fresh()
    school, found = _school(args.school)
    if not found:
        return 2
    try:
        plan = import_roster(path=args.path, school=school, dry_run=args.dry_run)
    except RosterError as error:
        return _nothing_imported(error.problems, error.count)
    print(
        f"OneRoster {plan.files.version} roster"
        + (" (dry run: nothing written)" if args.dry_run else "")
    )
    for note in plan.notes:
        print(f"  note: {note}")
    for kind, action, count, examples in plan_summary(plan):
        print(f"  {kind:<14} {action:<10} {count:>7}  e.g. {'; '.join(examples)}")
    print(f"changed: {plan.changed}")
    return 0
