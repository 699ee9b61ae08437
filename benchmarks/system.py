"""The system benchmark: a synthetic district on SQLite and PostgreSQL, end to end.

For each database and size (stored responses) it seeds a district with
`learnloop seed-synthetic` (or reuses one already seeded there), then measures:
- the answer path (post an answer to the practice page, get feedback and the choice
  board): server time through Django's handler, p50/p95/p99, and queries per answer;
- the class dashboard of a seeded class;
- sustained ingest through `learnloop serve` (gunicorn, several workers, 127.0.0.1)
  under CLIENTS concurrent students, and the crash test (SIGKILL mid-load, restart,
  reconcile: no acknowledged response may be lost), with the CPU each answer cost the
  server's processes, PostgreSQL's backends and the load client (from /proc);
- batch sync (`_sync`): DEVICES signed-in devices each syncing batches of 50 offline
  answers to `POST /learn/api/answers/batch` through the same server, answers per second
  and CPU per answer, then the same with a SIGKILL of the server mid-sync (the devices
  retry each unacknowledged batch unchanged; reconcile: none lost, none stored twice);
- `learnloop fit` on the stored log: time and peak memory.
plus benchmarks/heatmap.py's dense 35 x 100 dashboard on each database.

Results are printed and recorded (with date and machine) in docs/benchmarks/system.json
and the generated block of docs/benchmarks/system.md. Printed, never asserted.

    python benchmarks/system.py                  # what `make bench` runs: 1M on both databases
    python benchmarks/system.py --sizes 1m,10m   # the 10M tier too (an hour or more)
    python benchmarks/system.py --quick          # a small smoke run, not recorded
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import REPO, machine, today
from _ingest import CpuSplit, Server, load
from _sync import sync_load

VENV_BIN = Path(sys.executable).parent
LEARNLOOP = str(VENV_BIN / "learnloop")
BENCH_DIR = REPO / "var" / "bench"
JSON_PATH = REPO / "docs" / "benchmarks" / "system.json"
MD_PATH = REPO / "docs" / "benchmarks" / "system.md"
MARK_START, MARK_END = "<!-- system-results:start -->", "<!-- system-results:end -->"
LOAD_PHASES = ("ingest", "crash", "sync", "sync-crash")  # through a server, on `--ingest-on`
SIZES = {"20k": 20_000, "1m": 1_000_000, "10m": 10_000_000}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1m", help="comma list of 20k, 1m, 10m")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=600, help="answers timed per tier")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (serve's default)")
    parser.add_argument("--ingest-seconds", type=float, default=40.0)
    parser.add_argument("--ingest-on", default="", help="tiers under load, e.g. sqlite-1m")
    parser.add_argument("--fit-model", default="", help="learnloop fit --model (default: its own)")
    parser.add_argument("--sync-devices", type=int, default=200)
    parser.add_argument("--sync-batch", type=int, default=50, help="answers per synced batch")
    parser.add_argument("--sync-seconds", type=float, default=30.0)
    parser.add_argument("--phases", default="answer,heatmap,ingest,crash,sync,sync-crash,fit,dense")
    parser.add_argument(
        "--pg-database", default="", help="PostgreSQL database name (default learnloop_bench_SIZE)"
    )
    parser.add_argument("--fresh", action="store_true", help="reseed even when a district fits")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432/")
    parser.add_argument("--quick", action="store_true", help="20k responses, short, not recorded")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.students, args.samples = "20k", 2_000, 100
        args.clients, args.ingest_seconds, args.no_record = 50, 8.0, True
        args.sync_devices, args.sync_seconds = 50, 8.0
    return args


class Tier:
    """One database at one size: where it lives and the environment that selects it."""

    def __init__(self, database: str, size: str, args: argparse.Namespace) -> None:
        self.database, self.size, self.responses = database, size, SIZES[size]
        self.name = f"{database}-{size}"
        self.data_dir = BENCH_DIR / self.name
        self.pg_name = args.pg_database or f"learnloop_bench_{size}"
        self.env = {
            **os.environ,
            "LEARNLOOP_DATA_DIR": str(self.data_dir),
            "LEARNLOOP_SECRET_KEY": "benchmark-only-not-secret",  # probe and server agree
        }
        self.env.pop("DATABASE_URL", None)
        if database == "postgres":
            self.env["DATABASE_URL"] = args.pg_url + self.pg_name
        self.students = args.students

    def probe(self, *argv: str) -> dict[str, Any]:
        script = str(REPO / "benchmarks" / "_system_probe.py")
        out = subprocess.run(
            [sys.executable, script, *argv], env=self.env, check=True, stdout=subprocess.PIPE
        )
        return json.loads(out.stdout.decode().strip().splitlines()[-1])

    def seeded_responses(self) -> int | None:
        code = (
            "import django,os;os.environ.setdefault('DJANGO_SETTINGS_MODULE',"
            "'learnloop.config.settings.dev');django.setup();"
            "from learnloop.demo.synthetic import FRAMEWORK_ID as F;"
            "from learnloop.standards.models import Framework;"
            "from learnloop.learning.models import Response;"
            "print(Response.objects.count() if Framework.objects.filter(identifier=F).exists()"
            " else -1)"
        )
        out = subprocess.run([sys.executable, "-c", code], env=self.env, capture_output=True)
        if out.returncode != 0:
            return None
        count = int(out.stdout.decode().split()[-1])
        return None if count < 0 else count

    def seed(self, fresh: bool) -> dict[str, Any]:
        found = None if fresh else self.seeded_responses()
        if found is not None and found >= self.responses:
            print(f"   reusing {self.name}: {found:,} responses; migrating", flush=True)
            subprocess.run([LEARNLOOP, "manage", "migrate", "--noinput", "-v", "0"], env=self.env)
            return {}
        self.drop()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.database == "postgres":
            psql(self.env["DATABASE_URL"], f'CREATE DATABASE "{self.pg_name}"')
        started = time.perf_counter()
        subprocess.run(
            [LEARNLOOP, "seed-synthetic", "--students", str(self.students),
             "--responses", str(self.responses)],
            env=self.env, check=True,
        )  # fmt: skip
        return {f"seed_s_{self.database}_{self.size}": round(time.perf_counter() - started, 1)}

    def drop(self) -> None:
        if self.database == "postgres":
            psql(self.env["DATABASE_URL"], f'DROP DATABASE IF EXISTS "{self.pg_name}"')
        else:
            for path in self.data_dir.glob("learnloop.sqlite3*"):
                path.unlink()


def psql(url: str, statement: str) -> None:
    """Run a statement on the server's maintenance database (postgres)."""
    base = url.rsplit("/", 1)[0] + "/postgres"
    code = (
        "import psycopg,sys;c=psycopg.connect(sys.argv[1],autocommit=True);"
        "c.execute(sys.argv[2]);c.close()"
    )
    subprocess.run([sys.executable, "-c", code, base, statement], check=True)


def postgres_reachable(url: str) -> bool:
    check = REPO / "scripts" / "pg_reachable.py"
    return subprocess.run([sys.executable, str(check), url + "postgres"]).returncode == 0


def answer_results(tier: Tier, samples: int) -> dict[str, Any]:
    got = tier.probe("answer", "--samples", str(samples))
    suffix = f"{tier.database}_{tier.size}"
    (BENCH_DIR / f"profile-answer-{tier.name}.txt").write_text(got["profile"])
    return {
        **{f"answer_{k}_ms_{suffix}": v for k, v in got["answer"].items() if k != "n"},
        f"answer_samples_{suffix}": got["answer"]["n"],
        **{f"answer_cpu_{k}_ms_{suffix}": v for k, v in got["answer_cpu"].items() if k != "n"},
        **{f"next_item_{k}_ms_{suffix}": v for k, v in got["next_item"].items() if k != "n"},
        f"queries_per_answer_{suffix}": got["queries_per_answer"],
        f"python_loop_ms_{suffix}": got["python_loop_ms"],  # machine speed, before/after
    }


def heatmap_results(tier: Tier) -> dict[str, Any]:
    got = tier.probe("heatmap", "--samples", "30")
    suffix = f"{tier.database}_{tier.size}"
    return {
        f"district_heatmap_p50_ms_{suffix}": got["heatmap"]["p50"],
        f"district_heatmap_p95_ms_{suffix}": got["heatmap"]["p95"],
        f"district_heatmap_cpu_p50_ms_{suffix}": got["heatmap_cpu"]["p50"],
    }


def dense_heatmap_results(database: str, pg_url: str) -> dict[str, Any]:
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    if database == "postgres":
        env["DATABASE_URL"] = pg_url + "learnloop_bench_heatmap"
    script = str(REPO / "benchmarks" / "heatmap.py")
    out = subprocess.run(
        [sys.executable, script, "--json"], env=env, check=True, capture_output=True
    )
    got = json.loads(out.stdout.decode().strip().splitlines()[-1])
    key = "" if database == "sqlite" else "_postgres"
    return {
        f"heatmap_ms{key}": got["p50_ms"],
        f"heatmap_p95_ms{key}": got["p95_ms"],
        f"heatmap_cpu_ms{key}": got["cpu_p50_ms"],
        f"heatmap_queries{key}": got["queries"],
    }


def ingest_results(tier: Tier, args: argparse.Namespace, crash: bool) -> dict[str, Any]:
    specs = tier.probe("sessions", "--samples", str(args.clients))["clients"]
    workers = args.workers or min(2 * (os.cpu_count() or 1) + 1, 9)
    log = BENCH_DIR / f"serve-{tier.name}.log"
    server = Server(tier.env, workers, log, LEARNLOOP)
    server.start()
    crash_at = args.ingest_seconds / 3 if crash else None
    split = CpuSplit(server)
    before: list[tuple[float | None, ...]] = []  # taken once the pages are open
    try:
        tally, acked, timings = asyncio.run(
            load(
                server, specs, args.ingest_seconds, crash_at,
                on_start=lambda: before.append(split.sample()),
            )
        )  # fmt: skip
        cpu = split.per_answer(before[0], split.sample(), tally.acknowledged)
    finally:
        server.stop()
    acked_path = BENCH_DIR / f"acked-{tier.name}-{'crash' if crash else 'steady'}.jsonl"
    acked_path.write_text("".join(json.dumps(row) + "\n" for row in acked))
    check = tier.probe("reconcile", "--acked", str(acked_path))
    lat = sorted(tally.latencies_ms) or [0.0]
    if tally.error_kinds:
        print(f"   errors: {tally.error_kinds}", flush=True)
    base = {
        "rps": round(tally.acknowledged / timings["elapsed_s"], 1),
        "errors": tally.errors,
        "lost_responses": check["lost"],
        "duplicates": check["duplicates"],
        "acknowledged": check["acknowledged"],
        "client_p50_ms": round(lat[len(lat) // 2], 1),
        "client_p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1),
    }
    if not crash:  # a restart's own CPU would blur the split
        base |= {f"{name}_per_answer": value for name, value in cpu.items() if value is not None}
        if tier.database == "sqlite":
            base.pop("postgres_cpu_ms_per_answer", None)
    if crash:
        base |= {
            "failed_attempts_while_down": tally.failed_attempts_while_down,
            "restart_s": round(timings["restart_s"], 1),
        }
    prefix = "crash" if crash else "ingest"
    suffix = f"{tier.database}_{tier.size}"
    result = {f"{prefix}_{k}_{suffix}": v for k, v in base.items()}
    result[f"{prefix}_workers_{suffix}"] = workers
    result[f"{prefix}_clients_{suffix}"] = len(specs)
    result[f"{prefix}_seconds_{suffix}"] = args.ingest_seconds
    return result


def sync_results(tier: Tier, args: argparse.Namespace, crash: bool) -> dict[str, Any]:
    """Devices syncing batches through the server (and, with `crash`, a SIGKILL of the
    whole server a third of the way in, then a restart while the devices retry)."""
    specs = tier.probe("sessions", "--samples", str(args.sync_devices))["clients"]
    workers = args.workers or min(2 * (os.cpu_count() or 1) + 1, 9)
    server = Server(tier.env, workers, BENCH_DIR / f"serve-sync-{tier.name}.log", LEARNLOOP)
    server.start()
    crash_at = args.sync_seconds / 3 if crash else None
    split = CpuSplit(server)
    before: list[tuple[float | None, ...]] = []
    try:
        tally, acked, timings = asyncio.run(
            sync_load(
                server, specs, args.sync_seconds, args.sync_batch, crash_at,
                on_start=lambda: before.append(split.sample()),
            )
        )  # fmt: skip
        cpu = split.per_answer(before[0], split.sample(), tally.stored)
    finally:
        server.stop()
    kind = "crash" if crash else "steady"
    acked_path = BENCH_DIR / f"acked-sync-{tier.name}-{kind}.jsonl"
    acked_path.write_text("".join(json.dumps(row) + "\n" for row in acked))
    check = tier.probe("reconcile", "--acked", str(acked_path))
    acked_path.unlink()
    if tally.error_kinds:
        print(f"   errors: {tally.error_kinds}", flush=True)
    lat = sorted(tally.latencies_ms) or [0.0]
    base = {
        "answers_per_s": round(tally.stored / timings["elapsed_s"], 1),
        "batches": tally.batches,
        "errors": tally.errors,
        "refused": tally.refused,
        "lost": check["lost"],
        "duplicates": check["duplicates"],
        "acknowledged": check["acknowledged"],
        "batch_p50_ms": round(lat[len(lat) // 2], 1),
        "batch_p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 1),
    }
    if crash:
        base |= {
            "duplicates_reported_on_retry": tally.duplicates_reported,
            "failed_attempts_while_down": tally.failed_attempts_while_down,
            "restart_s": round(timings["restart_s"], 1),
        }
    else:  # a restart's own CPU would blur the split
        base |= {f"{name}_per_answer": value for name, value in cpu.items() if value is not None}
        if tier.database == "sqlite":
            base.pop("postgres_cpu_ms_per_answer", None)
    prefix = "sync_crash" if crash else "sync"
    suffix = f"{tier.database}_{tier.size}"
    result = {f"{prefix}_{k}_{suffix}": v for k, v in base.items()}
    result[f"{prefix}_workers_{suffix}"] = workers
    result[f"{prefix}_devices_{suffix}"] = len(specs)
    result[f"{prefix}_batch_{suffix}"] = args.sync_batch
    result[f"{prefix}_seconds_{suffix}"] = args.sync_seconds
    return result


def fit_results(tier: Tier, model: str) -> dict[str, Any]:
    started = time.perf_counter()
    command = [LEARNLOOP, "fit", *(["--model", model] if model else [])]
    out = subprocess.run(command, env=tier.env, check=True, capture_output=True).stdout.decode()
    wall = time.perf_counter() - started
    peak = re.search(r"peak RSS (\d+) MiB", out)
    suffix = f"{tier.database}_{tier.size}" + (f"_{model.replace('-', '_')}" if model else "")
    return {
        f"fit_s_{suffix}": round(wall, 1),
        f"fit_peak_mib_{suffix}": int(peak.group(1)) if peak else None,
    }


def record(results: dict[str, Any], command: str) -> None:
    stored = json.loads(JSON_PATH.read_text()) if JSON_PATH.exists() else {}
    measured = stored.get("measured_at", {})
    when = today()
    for key in results:
        measured[key] = when
    stored.update(results)
    stored.update(headline(stored))
    stored.update(date=when, machine=machine(), last_command=command, measured_at=measured)
    JSON_PATH.write_text(json.dumps(dict(sorted(stored.items())), indent=2) + "\n")
    if MD_PATH.exists():
        text = MD_PATH.read_text()
        head, _, rest = text.partition(MARK_START)
        _, _, tail = rest.partition(MARK_END)
        block = results_block(stored)
        MD_PATH.write_text(f"{head}{MARK_START}\n{block}\n{MARK_END}{tail}")


def headline(stored: dict[str, Any]) -> dict[str, Any]:
    """The issue's summary keys, from the per-tier ones (SQLite's smallest tier first)."""
    keys = sorted(k for k in stored if k.startswith("ingest_rps_"))
    keys.sort(key=lambda k: k != "ingest_rps_sqlite_1m")
    summary: dict[str, Any] = {}
    if keys:
        summary["ingest_rps"] = stored[keys[0]]
        summary["ingest_errors"] = stored[keys[0].replace("_rps_", "_errors_")]
    lost = [v for k, v in stored.items() if "_lost_responses_" in k]
    if lost:
        summary["lost_responses"] = sum(lost)
    sync_lost = [v for k, v in stored.items() if k.startswith(("sync_lost_", "sync_crash_lost_"))]
    if sync_lost:
        summary["sync_lost"] = sum(sync_lost)
    sync_errors = [
        v for k, v in stored.items() if k.startswith(("sync_errors_", "sync_crash_errors_"))
    ]
    if sync_errors:
        summary["sync_errors"] = sum(sync_errors)
    return summary


def results_block(stored: dict[str, Any]) -> str:
    lines = [
        f"Last run: {stored['date']}, {stored['machine']}.",
        "",
        "| key | value |",
        "| --- | --- |",
    ]
    skip = {"date", "machine", "measured_at", "last_command"}
    lines += [f"| `{k}` | {v} |" for k, v in sorted(stored.items()) if k not in skip]
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    phases = set(args.phases.split(","))
    databases = args.databases.split(",")
    if "postgres" in databases and not postgres_reachable(args.pg_url):
        print("PostgreSQL not reachable; skipping it", flush=True)
        databases.remove("postgres")
    sizes = args.sizes.split(",")
    under_load = (
        set(args.ingest_on.split(",")) if args.ingest_on else {f"{d}-{sizes[0]}" for d in databases}
    )
    print(f"system benchmark on {machine()}", flush=True)
    results: dict[str, Any] = {}
    for database in databases:
        if "dense" in phases:
            print(f"== dense heatmap 35 x 100, {database}", flush=True)
            got = dense_heatmap_results(database, args.pg_url)
            print("".join(f"   {key} = {value}\n" for key, value in got.items()), end="")
            results |= got
            if not args.no_record:
                record(got, " ".join(sys.argv))
        for size in sizes:
            tier = Tier(database, size, args)
            print(f"== {tier.name}: seed", flush=True)
            results |= tier.seed(args.fresh)
            steps = [
                ("answer", lambda t=tier: answer_results(t, args.samples)),
                ("heatmap", lambda t=tier: heatmap_results(t)),
                ("ingest", lambda t=tier: ingest_results(t, args, crash=False)),
                ("crash", lambda t=tier: ingest_results(t, args, crash=True)),
                ("sync", lambda t=tier: sync_results(t, args, crash=False)),
                ("sync-crash", lambda t=tier: sync_results(t, args, crash=True)),
                ("fit", lambda t=tier: fit_results(t, args.fit_model)),
            ]
            for phase, step in steps:
                if phase not in phases:
                    continue
                if (
                    phase in ("ingest", "crash", "sync", "sync-crash")
                    and tier.name not in under_load
                ):
                    continue
                print(f"== {tier.name}: {phase}", flush=True)
                got = step()
                for key, value in got.items():
                    print(f"   {key} = {value}", flush=True)
                results |= got
                if not args.no_record:
                    record(got, " ".join(sys.argv))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
