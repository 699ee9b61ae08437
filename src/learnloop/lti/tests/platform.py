"""An independent LTI 1.3 platform (an LMS) for the end-to-end tests, on 127.0.0.1.

Built on `cryptography` and the standard library's http.server only: none of the
tool's libraries (PyLTI1p3, PyJWT, jwcrypto) sign or check anything here, so the two
sides agree only where both follow the specification. It serves its key set, an OAuth 2
token endpoint (client-credentials with a signed JWT assertion, checked against the
tool's published key set), an AGS score endpoint per line item, and an NRPS membership
list; it answers the tool's OIDC auth request with a signed id_token, and checks the
tool's deep-linking response.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
LINEITEM_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
NRPS_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"


class PlatformRefusal(Exception):
    pass


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _int_b64(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


@dataclass
class SigningKey:
    kid: str
    private: rsa.RSAPrivateKey

    def jwk(self) -> dict[str, str]:
        numbers = self.private.public_key().public_numbers()
        return {
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "kid": self.kid,
            "n": _int_b64(numbers.n),
            "e": _int_b64(numbers.e),
        }

    def sign(self, claims: dict[str, Any]) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self.kid}
        signing_input = ".".join(
            b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims)
        )
        signature = self.private.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{b64url(signature)}"


def new_key() -> SigningKey:
    return SigningKey(
        kid=f"platform-{uuid.uuid4().hex[:8]}",
        private=rsa.generate_private_key(public_exponent=65537, key_size=2048),
    )


def verify(token: str, key_set: dict[str, Any]) -> dict[str, Any]:
    """RS256 signature against a JWKS, expiry; the claims."""
    try:
        header_b64, claims_b64, signature_b64 = token.split(".")
    except ValueError as error:
        raise PlatformRefusal("not a JWS") from error
    header = json.loads(unb64url(header_b64))
    if header.get("alg") != "RS256":
        raise PlatformRefusal(f"alg {header.get('alg')}")
    jwk = next((k for k in key_set["keys"] if k.get("kid") == header.get("kid")), None)
    if jwk is None:
        raise PlatformRefusal(f"unknown kid {header.get('kid')}")
    public = rsa.RSAPublicNumbers(
        int.from_bytes(unb64url(jwk["e"]), "big"), int.from_bytes(unb64url(jwk["n"]), "big")
    ).public_key()
    try:
        public.verify(
            unb64url(signature_b64),
            f"{header_b64}.{claims_b64}".encode(),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except InvalidSignature as error:
        raise PlatformRefusal("bad signature") from error
    claims = json.loads(unb64url(claims_b64))
    if int(claims.get("exp", 0)) < time.time():
        raise PlatformRefusal("expired")
    return claims


@dataclass
class Member:
    sub: str
    given_name: str
    family_name: str
    email: str
    roles: list[str]
    sourced_id: str = ""
    status: str = "Active"

    def claims(self) -> dict[str, Any]:
        return {
            "sub": self.sub,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "name": f"{self.given_name} {self.family_name}",
            "email": self.email,
            LTI + "roles": self.roles,
            LTI + "lis": {"person_sourcedid": self.sourced_id} if self.sourced_id else {},
        }

    def membership(self) -> dict[str, Any]:
        return {
            "user_id": self.sub,
            "status": self.status,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "name": f"{self.given_name} {self.family_name}",
            "email": self.email,
            "lis_person_sourcedid": self.sourced_id,
            "roles": self.roles,
        }


@dataclass
class Lms:
    """The LMS's side: one issuer, one client (the tool), one course."""

    client_id: str = "learnloop-tool"
    deployment_id: str = "deployment-1"
    context_id: str = "course-42"
    context_title: str = "Grade 5 Math (LMS)"
    section_sourced_id: str = ""  # the rostered class's OneRoster id, if the LMS knows it
    members: list[Member] = field(default_factory=list)
    keys: list[SigningKey] = field(default_factory=lambda: [new_key()])
    tool_key_set: dict[str, Any] = field(default_factory=lambda: {"keys": []})
    scores: list[dict[str, Any]] = field(default_factory=list)
    refuse_scores: int = 0  # answer the next N score posts with 503
    access_tokens: dict[str, set[str]] = field(default_factory=dict)
    used_assertions: set[str] = field(default_factory=set)
    logins: dict[str, Member] = field(default_factory=dict)
    base_url: str = ""
    # For a real browser: where the tool lives, and the placements it has sent back.
    tool_url: str = ""
    next_launch: dict[str, Any] = field(default_factory=dict)
    placed: list[dict[str, Any]] = field(default_factory=list)

    @property
    def issuer(self) -> str:
        return self.base_url

    @property
    def urls(self) -> dict[str, str]:
        return {
            "key_set_url": f"{self.base_url}/jwks",
            "auth_login_url": f"{self.base_url}/auth",
            "auth_token_url": f"{self.base_url}/token",
            "lineitems": f"{self.base_url}/lineitems",
            "lineitem": f"{self.base_url}/lineitems/7",
            "memberships": f"{self.base_url}/memberships",
        }

    def rotate_key(self) -> None:
        """A new signing key; the old one leaves the key set at once."""
        self.keys = [new_key()]

    def key_set(self) -> dict[str, Any]:
        return {"keys": [key.jwk() for key in self.keys]}

    # --- the browser's part: third-party login, then the auth request --------------

    def login_initiation(self, member: Member, target: str) -> dict[str, str]:
        hint = secrets.token_hex(8)
        self.logins[hint] = member
        return {
            "iss": self.issuer,
            "login_hint": hint,
            "target_link_uri": target,
            "lti_message_hint": secrets.token_hex(4),
            "client_id": self.client_id,
            "lti_deployment_id": self.deployment_id,
        }

    def authorize(self, query: dict[str, str], **launch: Any) -> tuple[str, dict[str, str]]:
        """The OIDC auth endpoint: check the tool's request, answer with a signed id_token."""
        expected = {
            "scope": "openid",
            "response_type": "id_token",
            "response_mode": "form_post",
            "prompt": "none",
            "client_id": self.client_id,
        }
        for name, value in expected.items():
            if query.get(name) != value:
                raise PlatformRefusal(f"auth request {name}={query.get(name)!r}")
        member = self.logins.get(query.get("login_hint", ""))
        if member is None or not query.get("nonce") or not query.get("state"):
            raise PlatformRefusal("unknown login_hint or no nonce/state")
        token = self.id_token(member, nonce=query["nonce"], **launch)
        return query["redirect_uri"], {"id_token": token, "state": query["state"]}

    def id_token(
        self,
        member: Member,
        *,
        nonce: str,
        message_type: str = "LtiResourceLinkRequest",
        resource_link_id: str = "link-1",
        custom: dict[str, str] | None = None,
        deployment_id: str | None = None,
        expires_in: int = 300,
        target: str = "",
        return_url: str = "",
        extra: dict[str, Any] | None = None,
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.client_id,
            "azp": self.client_id,
            "iat": now - 1 if expires_in > 0 else now - 600,
            "exp": now + expires_in,
            "nonce": nonce,
            **member.claims(),
            LTI + "message_type": message_type,
            LTI + "version": "1.3.0",
            LTI + "deployment_id": deployment_id or self.deployment_id,
            LTI + "target_link_uri": target or "https://tool.invalid/",
            LTI + "context": {"id": self.context_id, "title": self.context_title},
            LTI + "custom": custom or {},
            "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {
                "context_memberships_url": self.urls["memberships"],
                "service_versions": ["2.0"],
            },
        }
        if self.section_sourced_id:
            lis = dict(claims.get(LTI + "lis") or {})
            claims[LTI + "lis"] = {**lis, "course_section_sourcedid": self.section_sourced_id}
        if message_type == "LtiResourceLinkRequest":
            claims[LTI + "resource_link"] = {"id": resource_link_id, "title": "Fractions"}
            claims["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = {
                "scope": [SCORE_SCOPE, LINEITEM_SCOPE],
                "lineitems": self.urls["lineitems"],
                "lineitem": self.urls["lineitem"],
            }
        else:
            claims["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = {
                "deep_link_return_url": return_url or f"{self.base_url}/deep-link-return",
                "accept_types": ["ltiResourceLink"],
                "accept_presentation_document_targets": ["iframe", "window"],
                "accept_multiple": True,
                "data": "opaque-platform-data",
            }
        return self.keys[0].sign({**claims, **(extra or {})})

    # --- deep linking ----------------------------------------------------------------

    def receive_deep_link(self, token: str) -> list[dict[str, Any]]:
        if not self.tool_key_set["keys"] and self.tool_url:
            with urllib.request.urlopen(f"{self.tool_url}/lti/jwks/") as answer:
                self.tool_key_set = json.load(answer)
        claims = verify(token, self.tool_key_set)
        if claims.get("iss") != self.client_id:
            raise PlatformRefusal(f"iss {claims.get('iss')}")
        audience = claims.get("aud")
        if self.issuer not in (audience if isinstance(audience, list) else [audience]):
            raise PlatformRefusal(f"aud {audience}")
        if claims.get(LTI + "message_type") != "LtiDeepLinkingResponse":
            raise PlatformRefusal("message type")
        if claims.get(LTI + "deployment_id") != self.deployment_id:
            raise PlatformRefusal("deployment id")
        if (
            claims.get("https://purl.imsglobal.org/spec/lti-dl/claim/data")
            != "opaque-platform-data"
        ):
            raise PlatformRefusal("data not echoed")
        if not claims.get("nonce"):
            raise PlatformRefusal("no nonce")
        return list(claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"])

    # --- services (called over HTTP by the tool) -------------------------------------

    def issue_token(self, form: dict[str, str]) -> dict[str, Any]:
        if form.get("grant_type") != "client_credentials":
            raise PlatformRefusal("grant_type")
        if form.get("client_assertion_type") != (
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        ):
            raise PlatformRefusal("client_assertion_type")
        claims = verify(form.get("client_assertion", ""), self.tool_key_set)
        if claims.get("iss") != self.client_id or claims.get("sub") != self.client_id:
            raise PlatformRefusal("assertion iss/sub")
        if claims.get("aud") not in (self.urls["auth_token_url"], [self.urls["auth_token_url"]]):
            raise PlatformRefusal(f"assertion aud {claims.get('aud')}")
        if claims.get("jti") in self.used_assertions:
            raise PlatformRefusal("assertion replayed")
        self.used_assertions.add(str(claims.get("jti")))
        scopes = set(form.get("scope", "").split())
        token = secrets.token_urlsafe(16)
        self.access_tokens[token] = scopes
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": " ".join(sorted(scopes)),
        }

    def check_bearer(self, header: str, scope: str) -> None:
        token = header.removeprefix("Bearer ")
        if scope not in self.access_tokens.get(token, set()):
            raise PlatformRefusal(f"no token for {scope}")

    def receive_score(self, path: str, content_type: str, body: dict[str, Any]) -> None:
        if content_type != "application/vnd.ims.lis.v1.score+json":
            raise PlatformRefusal(f"content type {content_type}")
        if path != urlparse(self.urls["lineitem"]).path + "/scores":
            raise PlatformRefusal(f"score path {path}")
        required = {
            "userId",
            "scoreGiven",
            "scoreMaximum",
            "activityProgress",
            "gradingProgress",
            "timestamp",
        }
        if missing := required - body.keys():
            raise PlatformRefusal(f"score lacks {sorted(missing)}")
        if not 0 <= body["scoreGiven"] <= body["scoreMaximum"]:
            raise PlatformRefusal("scoreGiven out of range")
        if body["userId"] not in {m.sub for m in self.members}:
            raise PlatformRefusal(f"unknown userId {body['userId']}")
        self.scores.append(body)

    def membership(self) -> dict[str, Any]:
        return {
            "id": self.urls["memberships"],
            "context": {"id": self.context_id, "title": self.context_title},
            "members": [member.membership() for member in self.members],
        }


def auto_post(action: str, fields: dict[str, str]) -> str:
    """The LMS's page that posts a form at once, as LMSs do for LTI's cross-site steps."""
    inputs = "".join(
        f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in fields.items()
    )
    return (
        f'<!doctype html><html lang="en"><title>LMS</title><body><main>'
        f'<form method="post" action="{escape(action)}">{inputs}'
        f'<button type="submit">Continue</button></form>'
        f"<script>document.forms[0].submit()</script></main></body></html>"
    )


def _browser_get(platform: Lms, path: str, query: dict[str, str]) -> str | None:
    """The pages a browser opens on the LMS: a placement's start, and the OIDC auth step."""
    if path == "/start":
        member = platform.members[int(query["member"])]
        platform.next_launch = {
            k: v for k, v in query.items() if k in ("message_type", "resource_link_id")
        }
        if "activity_id" in query:
            platform.next_launch["custom"] = {"activity_id": query["activity_id"]}
        target = f"{platform.tool_url}/lti/launch/"
        return auto_post(
            f"{platform.tool_url}/lti/login/", platform.login_initiation(member, target)
        )
    if path == "/auth":
        redirect_uri, form = platform.authorize(query, **platform.next_launch)
        return auto_post(redirect_uri, form)
    return None


def _handler(platform: Lms) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: Any, content_type: str = "application/json") -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _page(self, html: str) -> None:
            data = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parsed = urlparse(self.path)
            path = parsed.path
            query = {k: v[0] for k, v in parse_qs(parsed.query).items()}
            try:
                page = _browser_get(platform, path, query)
                if page is not None:
                    return self._page(page)
                if path == "/jwks":
                    return self._answer(200, platform.key_set())
                if path == "/memberships":
                    platform.check_bearer(self.headers.get("Authorization", ""), NRPS_SCOPE)
                    return self._answer(
                        200,
                        platform.membership(),
                        "application/vnd.ims.lti-nrps.v2.membershipcontainer+json",
                    )
            except PlatformRefusal as error:
                return self._answer(401, {"error": str(error)})
            self._answer(404, {"error": "not found"})

        def do_POST(self) -> None:
            path = urlparse(self.path).path
            try:
                if path == "/token":
                    form = {k: v[0] for k, v in parse_qs(self._body().decode()).items()}
                    return self._answer(200, platform.issue_token(form))
                if path == "/deep-link-return":
                    form = {k: v[0] for k, v in parse_qs(self._body().decode()).items()}
                    platform.placed += platform.receive_deep_link(form.get("JWT", ""))
                    titles = ", ".join(escape(item["title"]) for item in platform.placed)
                    return self._page(f"<main><h1>Added to the course</h1><p>{titles}</p></main>")
                if path.startswith("/lineitems/"):
                    platform.check_bearer(self.headers.get("Authorization", ""), SCORE_SCOPE)
                    if platform.refuse_scores > 0:
                        platform.refuse_scores -= 1
                        return self._answer(503, {"error": "gradebook busy"})
                    body = json.loads(self._body())
                    platform.receive_score(path, self.headers.get("Content-Type", ""), body)
                    return self._answer(200, {})
            except PlatformRefusal as error:
                return self._answer(400, {"error": str(error)})
            self._answer(404, {"error": "not found"})

    return Handler


class RunningPlatform:
    """The platform's HTTP server on 127.0.0.1, in a thread, for one test."""

    def __init__(self, platform: Lms) -> None:
        self.platform = platform
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(platform))
        platform.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Lms:
        self.thread.start()
        return self.platform

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()
