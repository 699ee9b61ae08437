"""A real OpenID Connect provider (node's oidc-provider) on 127.0.0.1, for end-to-end
sign-ins: tests/oidc/provider.mjs, started once per test session on a free port.
Skips cleanly where node or the npm package is absent (`npm install` brings it)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

REPOSITORY = Path(__file__).resolve().parents[4]
SCRIPT = REPOSITORY / "tests" / "oidc" / "provider.mjs"
PROVIDER_KEY = "district-idp"
REDIRECT_URI = f"http://testserver/sso/oidc/{PROVIDER_KEY}/login/callback/"
CLIENT_ID, CLIENT_SECRET = "learnloop", "learnloop-secret"


@dataclass(frozen=True)
class OidcProvider:
    issuer: str

    def set_state(self, *, mode: str = "normal", accounts: dict[str, Any] | None = None) -> None:
        body = json.dumps({"mode": mode, "accounts": accounts or {}})
        requests.post(f"{self.issuer}/__test__/state", data=body, timeout=5).raise_for_status()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_provider(redirect_uri: str) -> Iterator[OidcProvider]:
    """tests/oidc/provider.mjs on a free port, accepting `redirect_uri`; skips without node."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the OpenID Connect provider cannot start")
    if not (REPOSITORY / "node_modules" / "oidc-provider").is_dir():
        pytest.skip("npm package oidc-provider not installed (run npm install)")
    process = subprocess.Popen(
        [node, str(SCRIPT), str(_free_port()), redirect_uri],
        cwd=REPOSITORY,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline and not line.startswith("ready"):
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                pytest.fail("the OpenID Connect provider exited before it was ready")
        if not line.startswith("ready"):
            pytest.fail("the OpenID Connect provider did not start in 30 s")
        yield OidcProvider(issuer=line.split()[1])
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[OidcProvider]:
    with running_provider(REDIRECT_URI) as provider:
        yield provider
