"""Sustained ingest through a real server, and the crash test, for benchmarks/system.py.

`learnloop serve` (gunicorn, several sync workers) runs on 127.0.0.1 on a seeded
database; CLIENTS asyncio clients, one per signed-in student, post answers with
client-generated ids to the JSON answer endpoint (session cookie and CSRF header, as the
page's fetch() does) for a bounded time. A failed post is retried with the same id
until acknowledged, so a retry that reaches the server twice must not be stored twice.
Each acknowledged id is written to a file; the probe reconciles it with the database.

The HTTP client is a few lines over asyncio streams (gunicorn's sync workers close
every connection, so there is no keep-alive to manage): no dependency needed.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import signal
import socket
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Server:
    """`learnloop serve` in its own process group, so SIGKILL reaches master and workers."""

    def __init__(
        self, env: dict[str, str], workers: int, log: Path, learnloop: str, threads: int = 1
    ) -> None:
        """`workers` and `threads` are always passed: the figures name what they measured,
        never `learnloop serve`'s defaults (threads=1: plain sync workers)."""
        self.env, self.workers, self.log, self.learnloop = env, workers, log, learnloop
        self.threads = threads
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120.0) -> float:
        started = time.perf_counter()
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [self.learnloop, "serve", "--host", HOST, "--port", str(self.port),
                 "--workers", str(self.workers), "--threads", str(self.threads)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        while time.perf_counter() - started < timeout:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}/healthz", timeout=2):
                    return time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not answer /healthz within {timeout} s; see {self.log}")

    def kill(self) -> None:
        """SIGKILL to the whole group: no graceful shutdown, no flushing, mid-request."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


async def http(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes = b""
) -> tuple[int, list[tuple[str, str]], bytes]:
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}", "Connection: close"]
        lines += [f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    if not raw:
        raise ConnectionResetError("the server closed the connection without answering")
    head, _, payload = raw.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    parsed = [tuple(part.strip() for part in line.split(":", 1)) for line in header_lines]
    return int(status_line.split()[1]), [(k, v) for k, v in parsed], payload


def process_cpu_seconds(select: Any) -> float | None:
    """CPU seconds (user + system) used so far by the processes `select(pgrp, cmdline)`
    picks, read from /proc (Linux); None where there is no /proc."""
    proc = Path("/proc")
    if not (proc / "self" / "stat").exists():
        return None
    ticks, total = os.sysconf("SC_CLK_TCK"), 0.0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:  # the process ended meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, pgrp...
        if select(int(fields[2]), cmdline):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


class CpuSplit:
    """Where the machine's CPU went during a load: the server's processes (its process
    group), PostgreSQL's backends (when they run here) and this client process."""

    def __init__(self, server: Server) -> None:
        self.group = server.process.pid if server.process else -1

    def sample(self) -> tuple[float | None, float | None, float]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return (
            process_cpu_seconds(lambda group, _: group == self.group),
            process_cpu_seconds(lambda _, cmdline: cmdline.startswith("postgres")),
            usage.ru_utime + usage.ru_stime,
        )

    @staticmethod
    def per_answer(
        before: tuple[float | None, ...], after: tuple[float | None, ...], answers: int
    ) -> dict[str, float | None]:
        names = ("server_cpu_ms", "postgres_cpu_ms", "client_cpu_ms")
        return {
            name: None
            if start is None or end is None or not answers
            else round((end - start) * 1000 / answers, 2)
            for name, start, end in zip(names, before, after, strict=True)
        }


@dataclass
class Tally:
    acknowledged: int = 0
    errors: int = 0
    failed_attempts_while_down: int = 0
    duplicates_acknowledged: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    error_kinds: dict[str, int] = field(default_factory=dict)


class Student:
    """One simulated student: a session, a CSRF token, answers until the deadline."""

    def __init__(self, spec: dict[str, Any], rng: random.Random) -> None:
        self.spec, self.rng = spec, rng
        self.csrf = ""

    def cookies(self) -> str:
        jar = f"sessionid={self.spec['session']}"
        return f"{jar}; csrftoken={self.csrf}" if self.csrf else jar

    async def open_page(self, port: int) -> None:
        """GET the practice page, as a browser does first; it sets the CSRF cookie."""
        path = f"/learn/activities/{self.spec['activity']}/practice/"
        status, headers, _ = await http(port, "GET", path, {"Cookie": self.cookies()})
        if status != 200:
            raise RuntimeError(f"practice page answered {status}")
        for name, value in headers:
            if name.lower() == "set-cookie" and value.startswith("csrftoken="):
                self.csrf = value.split(";", 1)[0].split("=", 1)[1]

    async def post_answer(self, port: int, payload: bytes) -> tuple[int, bytes]:
        headers = {
            "Cookie": self.cookies(),
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/json",
        }
        status, _, body = await http(port, "POST", "/learn/api/responses", headers, payload)
        return status, body


async def run_student(
    student: Student,
    state: dict[str, Any],
    deadline: float,
    tally: Tally,
    acked: list[dict[str, Any]],
) -> None:
    while time.perf_counter() < deadline:
        client_id = str(uuid.uuid4())
        payload = json.dumps(
            {
                "client_id": client_id,
                "item_id": student.rng.choice(student.spec["items"]),
                "activity_id": student.spec["activity"],
                "answer": "a" if student.rng.random() < 0.7 else "b",
                "seconds": student.rng.randint(5, 90),
            }
        ).encode()
        while time.perf_counter() < deadline:  # the same id until acknowledged
            started = time.perf_counter()
            try:
                status, body = await student.post_answer(state["port"], payload)
            except OSError as error:
                status, body = 0, type(error).__name__.encode()
            if status in (200, 201):
                tally.latencies_ms.append((time.perf_counter() - started) * 1000)
                tally.acknowledged += 1
                tally.duplicates_acknowledged += int(status == 200)
                acked.append({"student": student.spec["student"], "client_id": client_id})
                break
            kind = f"{status} {body[:60].decode(errors='replace')}"
            if state["down"]:
                tally.failed_attempts_while_down += 1
            else:
                tally.errors += 1
                tally.error_kinds[kind] = tally.error_kinds.get(kind, 0) + 1
            await asyncio.sleep(0.05 + student.rng.random() * 0.2)


async def load(
    server: Server,
    specs: list[dict[str, Any]],
    seconds: float,
    crash_at: float | None,
    seed: int = 11,
    on_start: Callable[[], None] | None = None,
) -> tuple[Tally, list[dict[str, Any]], dict[str, float]]:
    """Post answers from every student for `seconds`; SIGKILL and restart at `crash_at`.
    `on_start` runs once every student has opened the page, as the answers begin."""
    rng = random.Random(seed)
    students = [Student(spec, random.Random(rng.random())) for spec in specs]
    state: dict[str, Any] = {"port": server.port, "down": False}
    await asyncio.gather(*(s.open_page(server.port) for s in students))
    if on_start is not None:
        on_start()
    tally, acked = Tally(), []
    started = time.perf_counter()
    deadline = started + seconds
    tasks = [asyncio.create_task(run_student(s, state, deadline, tally, acked)) for s in students]
    timings: dict[str, float] = {}
    if crash_at is not None:
        await asyncio.sleep(crash_at)
        state["down"] = True
        timings["killed_at_s"] = time.perf_counter() - started
        timings["acknowledged_before_kill"] = tally.acknowledged
        server.kill()
        timings["restart_s"] = await asyncio.to_thread(server.start)
        state["down"] = False
    await asyncio.gather(*tasks)
    timings["elapsed_s"] = time.perf_counter() - started
    return tally, acked, timings
