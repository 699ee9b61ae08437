"""Talking to a Learning Record Store as the xAPI specification says a client must.

A batch is POSTed to `<endpoint>/statements` with the version header, HTTP Basic auth and
every statement's own id, so a repeat after a lost answer changes nothing at the LRS.
When the LRS refuses the batch as a whole (400 or 409), each statement is PUT on its own
(`?statementId=`) to find which one it refuses; those are dead letters, the rest are
sent. Anything else (no answer, 5xx, 429, credentials refused) leaves the batch for a
later try.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

TIMEOUT_SECONDS = 20


@dataclass
class Delivery:
    """What became of a batch: ids sent, ids refused for good (with why), or a reason
    to try the whole batch again later."""

    sent: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    retry_reason: str = ""


@dataclass(frozen=True)
class Lrs:
    endpoint: str
    version: str
    key: str
    secret: str

    @classmethod
    def from_config(cls, *, endpoint: str, version: str, key_env: str, secret_env: str) -> Lrs:
        """The LRS with its credentials read from the worker's environment (never stored)."""
        key, secret = os.environ.get(key_env, ""), os.environ.get(secret_env, "")
        if not key or not secret:
            raise LookupError(
                f"the environment variables {key_env} and {secret_env} must hold the key and secret"
            )
        return cls(endpoint.rstrip("/"), version, key, secret)

    def _request(self, method: str, url: str, body: Any) -> tuple[int, str]:
        token = base64.b64encode(f"{self.key}:{self.secret}".encode()).decode()
        request = urllib.request.Request(
            url,
            data=json.dumps(body).encode(),
            method=method,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Basic {token}",
                "X-Experience-API-Version": self.version,
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")[:500]

    def send(self, statements: list[dict[str, Any]]) -> Delivery:
        if not statements:
            return Delivery()
        try:
            status, text = self._request("POST", f"{self.endpoint}/statements", statements)
        except (OSError, ValueError) as error:
            return Delivery(retry_reason=f"the LRS did not answer: {error}")
        if status == 200:
            return Delivery(sent=[s["id"] for s in statements])
        if status in (400, 409):
            return self._one_by_one(statements)
        return Delivery(retry_reason=_why(status, text))

    def _one_by_one(self, statements: list[dict[str, Any]]) -> Delivery:
        delivery = Delivery()
        for statement in statements:
            query = urllib.parse.urlencode({"statementId": statement["id"]})
            try:
                status, text = self._request(
                    "PUT", f"{self.endpoint}/statements?{query}", statement
                )
            except (OSError, ValueError) as error:
                delivery.retry_reason = f"the LRS did not answer: {error}"
                return delivery
            if status == 204:
                delivery.sent.append(statement["id"])
            elif status == 409:
                delivery.refused[statement["id"]] = (
                    "the LRS holds a different statement with this id (409)"
                )
            elif status == 400:
                delivery.refused[statement["id"]] = (
                    f"the LRS refused the statement (400): {text[:300]}"
                )
            else:
                delivery.retry_reason = _why(status, text)
                return delivery
        return delivery


def _why(status: int, text: str) -> str:
    if status in (401, 403):
        return f"the LRS refused the credentials ({status})"
    return f"the LRS answered {status}: {text[:200]}"
