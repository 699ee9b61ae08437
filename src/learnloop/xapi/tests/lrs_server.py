"""A Learning Record Store on 127.0.0.1 for the tests, strict where the specification says
an LRS must be (xAPI-Communication.md, 2.1 and 1.0.3's "LRS Requirements"):

- every request carries `X-Experience-API-Version` (1.0.x or 2.0.x), else 400;
- HTTP Basic credentials, else 401 (wrong ones: 401);
- statements are JSON (`Content-Type: application/json`), each id a UUID, else 400;
- a PUT names its statement in `?statementId=` (and a body id, if any, must match);
- a statement id already stored with other content is a conflict: 409, nothing stored
  (same content: ignored; PUT answers 204, POST 200 with the ids in order);
- POST answers 200 with the array of ids; responses carry the version header.

`down` makes it answer 503 to everything (an LRS out for the day).
"""

from __future__ import annotations

import base64
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
VERSION = re.compile(r"^(1\.0(\.\d+)?|2\.0(\.\d+)?)$")
SET_BY_LRS = ("stored", "authority", "version")


@dataclass
class StoreState:
    key: str
    secret: str
    statements: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)
    down: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


def _comparable(statement: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in statement.items() if k not in SET_BY_LRS}


class Handler(BaseHTTPRequestHandler):
    server: LrsServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet tests
        return

    def _answer(self, status: int, body: Any = None) -> None:
        state = self.server.state
        state.requests.append(
            (self.command, status, {k.lower(): v for k, v in self.headers.items()})
        )
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("X-Experience-API-Version", "1.0.3")
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _refusal(self) -> tuple[int, str] | None:
        state = self.server.state
        if state.down:
            return 503, "down for maintenance"
        if not VERSION.match(self.headers.get("X-Experience-API-Version", "")):
            return 400, "missing or unknown X-Experience-API-Version"
        expected = base64.b64encode(f"{state.key}:{state.secret}".encode()).decode()
        if self.headers.get("Authorization", "") != f"Basic {expected}":
            return 401, "bad credentials"
        if urlsplit(self.path).path != "/xapi/statements":
            return 404, "no such resource"
        return None

    def _body(self) -> Any:
        length = int(self.headers.get("Content-Length", "0"))
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            raise ValueError("statements must be sent as application/json")
        return json.loads(self.rfile.read(length))

    def _check(self, statement: Any) -> str | None:
        if not isinstance(statement, dict):
            return "a statement must be an object"
        if not UUID.match(str(statement.get("id", ""))):
            return "each statement needs a UUID id"
        for name in ("actor", "verb", "object"):
            if name not in statement:
                return f"a statement needs {name}"
        return None

    def do_POST(self) -> None:
        refusal = self._refusal()
        if refusal:
            return self._answer(refusal[0], {"error": refusal[1]})
        try:
            body = self._body()
        except ValueError as error:
            return self._answer(400, {"error": str(error)})
        batch = body if isinstance(body, list) else [body]
        problems = [p for p in (self._check(s) for s in batch) if p]
        if problems:
            return self._answer(400, {"error": problems[0]})
        ids = [s["id"] for s in batch]
        if len(set(ids)) != len(ids):
            return self._answer(400, {"error": "a batch repeats a statement id"})
        state = self.server.state
        with state.lock:
            for statement in batch:
                stored = state.statements.get(statement["id"])
                if stored is not None and _comparable(stored) != _comparable(statement):
                    return self._answer(409, {"error": f"conflict on {statement['id']}"})
            for statement in batch:
                state.statements.setdefault(statement["id"], statement)
        return self._answer(200, ids)

    def do_PUT(self) -> None:
        refusal = self._refusal()
        if refusal:
            return self._answer(refusal[0], {"error": refusal[1]})
        wanted = parse_qs(urlsplit(self.path).query).get("statementId", [""])[0]
        if not UUID.match(wanted):
            return self._answer(400, {"error": "PUT needs ?statementId="})
        try:
            statement = self._body()
        except ValueError as error:
            return self._answer(400, {"error": str(error)})
        if isinstance(statement, dict) and statement.get("id", wanted) != wanted:
            return self._answer(400, {"error": "the body's id is not statementId"})
        problem = self._check({"id": wanted, **statement} if isinstance(statement, dict) else None)
        if problem:
            return self._answer(400, {"error": problem})
        state = self.server.state
        with state.lock:
            stored = state.statements.get(wanted)
            if stored is not None and _comparable(stored) != _comparable(statement):
                return self._answer(409, {"error": f"conflict on {wanted}"})
            state.statements.setdefault(wanted, statement)
        return self._answer(204)


class LrsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: StoreState) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = state

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/xapi/"


def start_lrs(key: str = "lrs-key", secret: str = "lrs-secret") -> LrsServer:
    server = LrsServer(StoreState(key=key, secret=secret))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
