"""Batch sync through a real server, and its crash test, for benchmarks/system.py.

Like the ingest phase (`_ingest`), but each simulated device syncs its offline queue:
DEVICES asyncio clients, one per signed-in student, each posting batches of BATCH
answers (client ids and client times made on the device) to `POST
/learn/api/answers/batch` for a bounded time. A batch that is not acknowledged (a
connection refused or cut while the server is down, a 5xx) is sent again, whole and
unchanged, until it is; the server must then say `duplicate` for what it had stored, so
a retry never stores an answer twice. Every acknowledged client id is written to a file
that the probe reconciles with the database (lost, duplicates).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from _ingest import Server, Student, http

BATCH_PATH = "/learn/api/answers/batch"


@dataclass
class SyncTally:
    batches: int = 0
    stored: int = 0
    duplicates_reported: int = 0  # retried answers the server had already stored
    refused: int = 0
    errors: int = 0  # failed posts while the server was up
    failed_attempts_while_down: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    error_kinds: dict[str, int] = field(default_factory=dict)


class Device(Student):
    """A student's phone: a session, a CSRF token, a queue synced in batches."""

    async def post_batch(self, port: int, payload: bytes) -> tuple[int, bytes]:
        headers = {
            "Cookie": self.cookies(),
            "X-CSRFToken": self.csrf,
            "Content-Type": "application/json",
        }
        status, _, body = await http(port, "POST", BATCH_PATH, headers, payload)
        return status, body

    def queue(self, size: int) -> list[dict[str, Any]]:
        """`size` answers practiced offline over the last minutes, oldest first."""
        now = datetime.now(UTC)
        return [
            {
                "client_id": str(uuid.uuid4()),
                "item": self.rng.choice(self.spec["items"]),
                "activity": self.spec["activity"],
                "answer": "a" if self.rng.random() < 0.7 else "b",
                "client_time": (now - timedelta(seconds=20 * (size - index))).isoformat(),
                "seconds": self.rng.randint(5, 90),
            }
            for index in range(size)
        ]


async def run_device(
    device: Device,
    state: dict[str, Any],
    deadline: float,
    batch: int,
    tally: SyncTally,
    acked: list[dict[str, Any]],
) -> None:
    while time.perf_counter() < deadline:
        answers = device.queue(batch)
        payload = json.dumps({"answers": answers}).encode()
        while True:  # the same batch until acknowledged, even past the deadline
            started = time.perf_counter()
            try:
                status, body = await device.post_batch(state["port"], payload)
            except OSError as error:
                status, body = 0, type(error).__name__.encode()
            results = _results(body) if status == 200 else None
            if results is not None:
                tally.latencies_ms.append((time.perf_counter() - started) * 1000)
                _count(results, device.spec["student"], tally, acked)
                break
            kind = f"{status} {body[:60].decode(errors='replace')}"
            if state["down"]:
                tally.failed_attempts_while_down += 1
            else:
                tally.errors += 1
                tally.error_kinds[kind] = tally.error_kinds.get(kind, 0) + 1
            if time.perf_counter() > deadline + 60:
                return  # give up: its answers count as lost in the reconciliation
            await asyncio.sleep(0.05 + device.rng.random() * 0.2)


def _results(body: bytes) -> list[dict[str, Any]] | None:
    """The per-answer results, or None when the body was cut short (a server killed while
    answering): not an acknowledgement, so the batch is sent again."""
    try:
        return list(json.loads(body)["results"])
    except (ValueError, KeyError, TypeError):
        return None


def _count(
    results: list[dict[str, Any]], student: int, tally: SyncTally, acked: list[dict[str, Any]]
) -> None:
    tally.batches += 1
    for result in results:
        status = result["status"]
        if status == "refused":
            tally.refused += 1
            continue
        tally.stored += status == "stored"
        tally.duplicates_reported += status == "duplicate"
        acked.append({"student": student, "client_id": result["client_id"]})


async def sync_load(
    server: Server,
    specs: list[dict[str, Any]],
    seconds: float,
    batch: int,
    crash_at: float | None,
    seed: int = 13,
    on_start: Callable[[], None] | None = None,
) -> tuple[SyncTally, list[dict[str, Any]], dict[str, float]]:
    """Sync batches from every device for `seconds`; SIGKILL and restart at `crash_at`.
    `on_start` runs once every device has opened its page, as the syncing begins."""
    rng = random.Random(seed)
    devices = [Device(spec, random.Random(rng.random())) for spec in specs]
    state: dict[str, Any] = {"port": server.port, "down": False}
    await asyncio.gather(*(d.open_page(server.port) for d in devices))
    if on_start is not None:
        on_start()
    tally, acked = SyncTally(), []
    started = time.perf_counter()
    deadline = started + seconds
    tasks = [
        asyncio.create_task(run_device(d, state, deadline, batch, tally, acked)) for d in devices
    ]
    timings: dict[str, float] = {}
    if crash_at is not None:
        await asyncio.sleep(crash_at)
        state["down"] = True
        timings["killed_at_s"] = time.perf_counter() - started
        server.kill()
        timings["restart_s"] = await asyncio.to_thread(server.start)
        state["down"] = False
    await asyncio.gather(*tasks)
    timings["elapsed_s"] = time.perf_counter() - started
    return tally, acked, timings
