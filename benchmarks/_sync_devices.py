"""Signed-in devices syncing batches through Django's test client, for `sync_cpu.py`.

Imported once Django is set up (the settings and the tree are the caller's). A device
is what `_sync.Device` is through gunicorn: a student's session, the CSRF cookie its
practice page set, and batches of answers with client ids and times made on the device.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from learnloop.accounts.models import Role, User
from learnloop.content.models import ActivityItem
from learnloop.demo.synthetic import USER_PREFIX
from learnloop.learning.models import Response

BATCH_PATH = "/learn/api/answers/batch"


def spread_devices(count: int) -> list[dict[str, Any]]:
    """`count` synthetic students spread over the district, each with the practice
    activity it worked on last and that activity's items (as `_system_probe` does)."""
    ids = list(
        User.objects.filter(role=Role.STUDENT, username__startswith=USER_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    step = max(1, len(ids) // max(count, 1))
    specs = []
    for student in User.objects.filter(pk__in=ids[::step][:count]).order_by("pk"):
        activity = (
            Response.objects.filter(student=student, activity__isnull=False)
            .order_by("-created_at")
            .values_list("activity_id", flat=True)
            .first()
        )
        assert activity is not None, "a seeded student has answered"
        items = list(
            ActivityItem.objects.filter(activity_id=activity).values_list("item_id", flat=True)
        )
        specs.append({"student": student, "activity": activity, "items": items})
    return specs


class SyncDevice:
    """One student's phone: signed in, its page opened once, then batch after batch."""

    def __init__(self, spec: dict[str, Any], batch: int) -> None:
        student: User = spec["student"]
        self.spec, self.batch = spec, batch
        self.rng = random.Random(student.pk)
        store = SessionStore()
        store[SESSION_KEY] = str(student.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = student.get_session_auth_hash()
        store.create()
        self.client = Client(enforce_csrf_checks=True)
        self.client.cookies[settings.SESSION_COOKIE_NAME] = store.session_key
        page = self.client.get(f"/learn/activities/{spec['activity']}/practice/")
        assert page.status_code == 200, page.status_code
        self.csrf = self.client.cookies[settings.CSRF_COOKIE_NAME].value

    def queue(self) -> list[dict[str, Any]]:
        now = datetime.now(UTC)
        return [
            {
                "client_id": str(uuid.uuid4()),  # new on every run; the rest is fixed
                "item": self.rng.choice(self.spec["items"]),
                "activity": self.spec["activity"],
                "answer": "a" if self.rng.random() < 0.7 else "b",
                "client_time": (now - timedelta(seconds=20 * (self.batch - index))).isoformat(),
                "seconds": self.rng.randint(5, 90),
            }
            for index in range(self.batch)
        ]

    def sync(self) -> None:
        payload = json.dumps({"answers": self.queue()})
        response = self.client.post(
            BATCH_PATH, payload, content_type="application/json", HTTP_X_CSRFTOKEN=self.csrf
        )
        assert response.status_code == 200, (response.status_code, response.content[:200])
        statuses = {result["status"] for result in json.loads(response.content)["results"]}
        assert statuses == {"stored"}, statuses


def loop_ms() -> float:
    """CPU time of a fixed pure-Python loop: how fast the machine is right now."""
    started, total = time.process_time(), 0
    for number in range(3_000_000):
        total += number % 7
    return round((time.process_time() - started) * 1000, 1)
