"""Server CPU per synced answer: the batch endpoint in one process, on a fixed workload.

The throughput benchmark (`system.py --phases sync`) measures answers per second through
gunicorn on a shared machine: its rate follows the share of the machine the server gets.
This one measures the work itself: DEVICES signed-in students of the seeded SQLite 1M
district (`var/bench/sqlite-1m`, seeded as `system.py` seeds it when missing) each post
batches of BATCH answers, made as `_sync.Device` makes them, to `POST
/learn/api/answers/batch` through Django's test client with the production settings and
every middleware (session read, CSRF checked), one after another. It prints the
process's CPU time per answer (`time.process_time`), the statements per batch and the
Python calls per answer (cProfile, deterministic for a given tree and district), and
with `--profile` the functions with the most own time.

    python benchmarks/sync_cpu.py                      # the tree it is in
    python benchmarks/sync_cpu.py --against HEAD~3     # that commit and this tree,
                                                       # run alternately (--rounds)

Each run stores its answers (real commits, as the server does); the district grows by a
few thousand answers per run, nothing the figures notice. Printed, never recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "var" / "bench" / "sqlite-1m"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=20)
    parser.add_argument("--batch", type=int, default=50, help="answers per batch")
    parser.add_argument("--batches", type=int, default=100, help="timed batches per run")
    parser.add_argument("--profiled", type=int, default=10, help="batches under cProfile")
    parser.add_argument("--profile", action="store_true", help="print the profile's top entries")
    parser.add_argument("--sort", default="tottime", help="the profile's order (cumulative...)")
    parser.add_argument("--dump", default="", help="write the cProfile stats to this file")
    parser.add_argument("--against", default="", help="a git revision to compare with")
    parser.add_argument("--rounds", type=int, default=3, help="alternate runs with --against")
    parser.add_argument("--src", default="", help=argparse.SUPPRESS)  # the tree a child runs
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if args.json:
        print(json.dumps(measure(args)))
        return
    ensure_district()
    with tempfile.TemporaryDirectory(prefix="sync-cpu-") as folder:
        trees = [("this tree", str(REPO / "src"))]
        if args.against:
            trees.insert(0, (args.against, export(args.against, Path(folder))))
        rows = alternate(args, trees)
    print_table(rows, args)


def alternate(args: argparse.Namespace, trees: list[tuple[str, str]]) -> list[tuple[str, Any]]:
    """Each tree's run in turn, `--rounds` times when comparing."""
    rows = []
    for round_number in range(args.rounds if args.against else 1):
        for name, src in trees:
            result = child(args, src)
            rows.append((name, result))
            print(
                f"round {round_number + 1} {name}: "
                f"{result['cpu_ms_per_answer']:.3f} ms CPU/answer, "
                f"{result['queries_per_batch']} statements/batch, "
                f"{result['calls_per_answer']:.0f} calls/answer "
                f"(loop {result['python_loop_ms']} ms)",
                flush=True,
            )
            if args.profile:
                print(result["profile"])
    return rows


def ensure_district() -> None:
    """Seed the 1M district where `system.py` keeps it, when it is not there."""
    if (DATA_DIR / "learnloop.sqlite3").exists() or any(DATA_DIR.glob("*.sqlite3")):
        return
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    learnloop = str(Path(sys.executable).parent / "learnloop")
    env = {**os.environ, "LEARNLOOP_DATA_DIR": str(DATA_DIR), "PYTHONPATH": str(REPO / "src")}
    env.pop("DATABASE_URL", None)
    command = [learnloop, "seed-synthetic", "--students", "100000", "--responses", "1000000"]
    subprocess.run(command, env=env, check=True)


def export(revision: str, target: Path) -> str:
    """The revision's `src` as files under `target` (a temporary folder; no worktree)."""
    archive = subprocess.run(
        ["git", "archive", revision, "src"], cwd=REPO, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return str(target / "src")


def child(args: argparse.Namespace, src: str) -> dict[str, Any]:
    argv = [
        sys.executable, __file__, "--json", "--src", src,
        "--devices", str(args.devices), "--batch", str(args.batch),
        "--batches", str(args.batches), "--profiled", str(args.profiled), "--sort", args.sort,
        *(["--dump", args.dump] if args.dump else []),
    ]  # fmt: skip
    env = {**os.environ, "LEARNLOOP_DATA_DIR": str(DATA_DIR)}
    env.pop("DATABASE_URL", None)
    out = subprocess.run(argv, env=env, check=True, stdout=subprocess.PIPE).stdout.decode()
    return dict(json.loads(out.strip().splitlines()[-1]))


def print_table(rows: list[tuple[str, dict[str, Any]]], args: argparse.Namespace) -> None:
    print(f"\n{args.batches} timed batches of {args.batch} answers, {args.devices} devices")
    print("tree        CPU ms/answer (median batch, mean)  statements/batch  calls/answer  loop ms")
    for name, result in rows:
        print(
            f"{name[:10]:<10}  {result['cpu_ms_per_answer']:>13.3f}, "
            f"{result['cpu_ms_per_answer_mean']:.3f}            "
            f"{result['queries_per_batch']:>16}  {result['calls_per_answer']:>12.0f}  "
            f"{result['python_loop_ms']}"
        )


# --- the measurement, in a child process running one tree ------------------------------


def measure(args: argparse.Namespace) -> dict[str, Any]:
    sys.path.insert(0, args.src)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learnloop.config.settings.prod")
    os.environ.setdefault("LEARNLOOP_SECRET_KEY", "benchmark-only-not-secret")
    os.environ.setdefault("LEARNLOOP_HTTPS", "0")
    os.environ.setdefault("LEARNLOOP_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    import django

    django.setup()
    import cProfile
    import io
    import pstats
    import statistics
    import time

    from django.db import connection

    from _sync_devices import SyncDevice, loop_ms, spread_devices

    assert Path(django.__file__).exists()
    import learnloop

    assert str(Path(learnloop.__file__).resolve()).startswith(str(Path(args.src).resolve()))
    devices = [SyncDevice(spec, args.batch) for spec in spread_devices(args.devices)]
    for device in devices:  # warm: the handler's middleware, caches, first statements
        device.sync()
    loop_before = loop_ms()
    per_batch = []
    for index in range(args.batches):
        started = time.process_time()
        devices[index % len(devices)].sync()
        per_batch.append((time.process_time() - started) * 1000)
    loop_after = loop_ms()
    seen: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: seen.append(sql) or execute(sql, *rest)
    ):
        devices[0].sync()
    profile = cProfile.Profile()
    profile.enable()
    for index in range(args.profiled):
        devices[index % len(devices)].sync()
    profile.disable()
    if args.dump:
        profile.dump_stats(args.dump)
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats(args.sort).print_stats(40)
    return {
        # the median batch: a neighbour's burst on the shared machine slows a few batches
        "cpu_ms_per_answer": statistics.median(per_batch) / args.batch,
        "cpu_ms_per_answer_mean": statistics.fmean(per_batch) / args.batch,
        "queries_per_batch": len(seen),
        "calls_per_answer": stats.total_calls / (args.profiled * args.batch),  # type: ignore[attr-defined]
        "python_loop_ms": [loop_before, loop_after],
        "profile": out.getvalue(),
    }


if __name__ == "__main__":
    main()
