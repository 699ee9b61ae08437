"""The `learnloop` command: demo, serve, manage, and subcommands contributed by modules.

A module joins the CLI by exposing `add_parser(subparsers)` that registers its
subcommand with `set_defaults(handler=...)`; list it in COMMAND_MODULES. Handlers get
the parsed namespace and return an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

COMMAND_MODULES: list[str] = [
    "learnloop.web.cli_commands",
    "learnloop.engine.cli_evaluate",
    "learnloop.standards.cli_commands",
    "learnloop.content.cli_commands",
    "learnloop.demo.cli_commands",
    "learnloop.learning.cli_commands",
    "learnloop.schools.cli_commands",
    "learnloop.lti.cli_commands",
    "learnloop.jobs.cli_commands",
    "learnloop.family.cli_commands",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="learnloop",
        description="LearnLoop: personalized learning anchored on standards.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["manage"]:
        return manage(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    return int(args.handler(args) or 0)


def manage(argv: Sequence[str]) -> int:
    """Django's manage.py, with the dev settings unless DJANGO_SETTINGS_MODULE says otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["learnloop manage", *argv])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
