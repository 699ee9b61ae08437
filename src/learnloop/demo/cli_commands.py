"""`learnloop seed-synthetic`: a district of N students and M responses, for benchmarks."""

from __future__ import annotations

import argparse
import os
import time


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "seed-synthetic",
        help="Build a synthetic district (schools, classes, content, simulated histories).",
        description=(
            "Bulk-load a synthetic district into the configured database (SQLite by "
            "default, PostgreSQL with DATABASE_URL): schools of 20 classes of 35, one "
            "framework of 100 standards, and --responses simulated answers spread over "
            "--students students, with their mastery states. Use a fresh database."
        ),
    )
    parser.add_argument("--students", type=int, required=True)
    parser.add_argument("--responses", type=int, required=True)
    parser.add_argument("--seed", type=int, default=8, help="random seed of the simulator")
    parser.set_defaults(handler=run_seed_synthetic)


def run_seed_synthetic(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from learnloop.demo.seed_synthetic import seed_synthetic
    from learnloop.demo.synthetic import SyntheticExists

    call_command("migrate", "--noinput", "-v", "0")
    started = time.perf_counter()
    try:
        report = seed_synthetic(
            students=args.students,
            responses=args.responses,
            seed=args.seed,
            progress=lambda line: print(line, flush=True),
        )
    except SyntheticExists as error:
        print(f"seed-synthetic: {error}")
        return 1
    print(
        f"seeded {report.students:,} students, {report.classrooms:,} classes, "
        f"{report.responses:,} responses, {report.states:,} mastery states "
        f"in {time.perf_counter() - started:.1f} s "
        + " ".join(f"({k} {v:.1f})" for k, v in report.timings.items()),
        flush=True,
    )
    return 0
