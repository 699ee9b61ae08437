"""The classroom computer at the bell: a class signs in at once, works, and what it costs.

On a fresh data folder it seeds the demo school (`learnloop seed-demo`, with the
production settings and so the production password hasher), serves it with
`learnloop serve` (gunicorn, --workers and --threads given, 127.0.0.1), then:
- the burst: every student has the sign-in page open; all post their password at the
  same moment; the wall time until the last is signed in, each one's latency, and the
  server's CPU per sign-in (its process group, from /proc);
- a class session: each student opens home, My learning and a practice page and posts
  ten answers; a teacher opens the class dashboard; a guardian downloads the family
  report (a PDF). That touches every lazily imported corner (grading, PDFs);
- memory after the session: the proportional set size (Pss in /proc/PID/smaps_rollup)
  of the master and every worker, summed: what the server really costs the computer,
  pages shared between processes counted once.

Printed, and recorded (with date and machine) in docs/benchmarks/system.json (keys
`signin_*`, `classroom_*`) and the classroom block of docs/benchmarks/system.md.

    python benchmarks/signin.py    # what `make bench` runs: 1 worker of 8 threads
    python benchmarks/signin.py --workers 2 --threads 1   # two plain sync workers
    python benchmarks/signin.py --workers 5 --threads 1   # `learnloop serve` before 2026-12
    python benchmarks/signin.py --no-record
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

from _common import REPO, machine, markdown_table, text_table, today
from _ingest import Server, http, process_cpu_seconds

LEARNLOOP = str(Path(sys.executable).parent / "learnloop")
DATA_DIR = REPO / "var" / "bench" / "classroom"
JSON_PATH = REPO / "docs" / "benchmarks" / "system.json"
MD_PATH = REPO / "docs" / "benchmarks" / "system.md"
MARK_START, MARK_END = "<!-- classroom-results:start -->", "<!-- classroom-results:end -->"
DEMO_PASSWORD = "learnloop"
TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # `learnloop serve`'s defaults on a two-core computer with SQLite (web/cli_commands.py)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--no-record", action="store_true")
    return parser.parse_args()


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # one computer: SQLite
    env.update(
        LEARNLOOP_DATA_DIR=str(DATA_DIR),
        LEARNLOOP_SECRET_KEY=secrets.token_urlsafe(50),
        LEARNLOOP_HTTPS="0",
        LEARNLOOP_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="learnloop.config.settings.prod",
    )
    return env


def seed(env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    shutil.rmtree(DATA_DIR, ignore_errors=True)
    DATA_DIR.mkdir(parents=True)
    started = time.perf_counter()
    for command in (["serve", "--check"], ["seed-demo"]):
        subprocess.run([LEARNLOOP, *command], env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    plan_code = (Path(__file__).parent / "_classroom_plan.py").read_text()
    out = subprocess.run(
        [LEARNLOOP, "manage", "shell", "-c", plan_code],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return seconds, json.loads(out.stdout.strip().splitlines()[-1])


class Browser:
    """One person's cookies and CSRF token, over _ingest's few-line HTTP client."""

    def __init__(self, port: int, username: str) -> None:
        self.port, self.username = port, username
        self.cookies: dict[str, str] = {}
        self.token = ""

    async def request(self, method: str, path: str, body: bytes = b"", **headers: str) -> int:
        jar = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent = {"Cookie": jar, **{k.replace("_", "-"): v for k, v in headers.items()}}
        status, received, payload = await http(self.port, method, path, sent, body)
        for name, value in received:
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        found = TOKEN.search(payload)
        self.token = found.group(1).decode() if found else self.token
        if status >= 400:
            raise RuntimeError(f"{self.username}: {method} {path} answered {status}")
        return status

    async def open_sign_in(self) -> None:
        await self.request("GET", "/accounts/login/")

    async def sign_in(self) -> float:
        form = {"username": self.username, "password": DEMO_PASSWORD}
        body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": self.token}).encode()
        started = time.perf_counter()
        status = await self.request(
            "POST", "/accounts/login/", body, Content_Type="application/x-www-form-urlencoded"
        )
        if status != 302:
            raise RuntimeError(f"{self.username}: sign-in answered {status}, not a redirect")
        return (time.perf_counter() - started) * 1000

    async def answer(self, activity: int, item: int, answer: object) -> None:
        payload = {"client_id": secrets.token_hex(16), "item_id": item, "answer": answer}
        payload.update(activity_id=activity, seconds=20)
        csrf = self.cookies.get("csrftoken", "")
        await self.request(
            "POST", "/learn/api/responses", json.dumps(payload).encode(),
            Content_Type="application/json", X_CSRFToken=csrf,
        )  # fmt: skip


async def burst(port: int, students: list[dict[str, Any]]) -> tuple[list[Browser], list[float]]:
    browsers = [Browser(port, s["username"]) for s in students]
    await asyncio.gather(*(b.open_sign_in() for b in browsers))
    latencies = await asyncio.gather(*(b.sign_in() for b in browsers))
    return browsers, list(latencies)


async def work(browser: Browser, spec: dict[str, Any]) -> int:
    for path in ("/", "/learn/"):
        await browser.request("GET", path)
    if spec["activity"] is None:
        return 0
    await browser.request("GET", f"/learn/activities/{spec['activity']}/practice/")
    for item, answer in spec["answers"]:
        await browser.answer(spec["activity"], item, answer)
    await browser.request("GET", "/learn/")
    return len(spec["answers"])


async def adults(port: int, plan: dict[str, Any]) -> None:
    teacher, guardian = Browser(port, plan["teacher"]), Browser(port, plan["guardian"])
    for person in (teacher, guardian):
        await person.open_sign_in()
        await person.sign_in()
    await teacher.request("GET", "/")
    await guardian.request("GET", f"/family/students/{plan['guardian_child']}/report.pdf")


async def session(port: int, browsers: list[Browser], plan: dict[str, Any]) -> int:
    specs = {s["username"]: s for s in plan["students"]}
    answered = await asyncio.gather(*(work(b, specs[b.username]) for b in browsers))
    await adults(port, plan)
    return sum(answered)


def pss_kib(group: int) -> dict[int, int]:
    """Pss (KiB) of every process in the group, from /proc/PID/smaps_rollup."""
    sizes: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if int(stat.rsplit(")", 1)[1].split()[2]) != group:
                continue
            rollup = (entry / "smaps_rollup").read_text()
        except (OSError, ValueError):
            continue
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        sizes[int(entry.name)] = int(found.group(1)) if found else 0
    return sizes


def measure(args: argparse.Namespace) -> dict[str, Any]:
    env = environment()
    seed_s, plan = seed(env)
    plan["students"] = plan["students"][: args.students]
    server = Server(env, args.workers, DATA_DIR / "server.log", LEARNLOOP, args.threads)
    server.start()
    group = server.process.pid if server.process else -1
    try:
        cpu_before = process_cpu_seconds(lambda g, _: g == group)
        started = time.perf_counter()
        browsers, latencies = asyncio.run(burst(server.port, plan["students"]))
        burst_s = time.perf_counter() - started
        cpu_after = process_cpu_seconds(lambda g, _: g == group)
        pss_idle = pss_kib(group)
        answers = asyncio.run(session(server.port, browsers, plan))
        pss_after = pss_kib(group)
    finally:
        server.stop()
    count = len(latencies)
    latencies.sort()
    cpu_ms = None if cpu_before is None or cpu_after is None else (cpu_after - cpu_before) * 1000
    return {
        "signin_burst_students": count,
        "signin_burst_s": round(burst_s, 2),
        "signin_p50_ms": round(statistics.median(latencies), 1),
        "signin_max_ms": round(latencies[-1], 1),
        "signin_server_cpu_ms_per_signin": round(cpu_ms / count, 1) if cpu_ms else None,
        "classroom_workers": args.workers,
        "classroom_threads": args.threads,
        "classroom_processes": len(pss_after),
        "classroom_pss_mb_after_signin": round(sum(pss_idle.values()) / 1024, 1),
        "classroom_pss_mb": round(sum(pss_after.values()) / 1024, 1),
        "classroom_pss_mb_largest_process": round(max(pss_after.values()) / 1024, 1),
        "classroom_session_answers": answers,
        "classroom_session_math_answers": plan["math_answers"],
        "classroom_seed_s": round(seed_s, 1),
    }


def record(results: dict[str, Any], command: str) -> None:
    stored = json.loads(JSON_PATH.read_text()) if JSON_PATH.exists() else {}
    when = today()
    measured = stored.get("measured_at", {})
    measured.update(dict.fromkeys(results, when))
    stored.update(results, measured_at=measured)
    JSON_PATH.write_text(json.dumps(dict(sorted(stored.items())), indent=2) + "\n")
    rows = [[key, str(value)] for key, value in results.items()]
    block = f"Measured {when} on {machine()} by `{command}`.\n\n" + markdown_table(
        ["figure", "value"], rows
    )
    text = MD_PATH.read_text()
    if MARK_START in text:
        head, _, rest = text.partition(MARK_START)
        tail = rest.partition(MARK_END)[2]
        MD_PATH.write_text(f"{head}{MARK_START}\n{block}\n{MARK_END}{tail}")


def main() -> int:
    args = parse_args()
    results = measure(args)
    print(text_table(["figure", "value"], [[k, str(v)] for k, v in results.items()]))
    if not args.no_record:
        record(results, "python benchmarks/" + " ".join([Path(sys.argv[0]).name, *sys.argv[1:]]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
