"""The JSON API's OpenAPI description: served, valid, true to real answers, and fuzzed.

schemathesis generates requests from the description (valid ones and, in its negative
mode, ones that break it) and sends them through Django's WSGI handler, signed in as a
student, on whichever database the suite runs on. Any 500, an undocumented status or
content type, or a body that does not match its documented schema fails the test.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    negative_data_rejection,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.testing.world import ROLES, World
from learnloop.web.tests.test_url_access import all_url_names, expectation_for, fetch
from learnloop.web.views import OPENAPI

DOCUMENT = json.loads(OPENAPI.read_text())
CSRF = "a" * 32  # an unmasked CSRF secret, the same in cookie and header
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _validator(name: str) -> Draft202012Validator:
    resource = Resource.from_contents(DOCUMENT, default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:openapi", resource)
    return Draft202012Validator(
        {"$ref": f"urn:openapi#/components/schemas/{name}"}, registry=registry
    )


def test_it_is_served_as_kept_in_the_repository(client: Client) -> None:
    response = client.get(reverse("openapi"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == DOCUMENT


def test_every_schema_in_it_is_valid_json_schema() -> None:
    assert DOCUMENT["openapi"].startswith("3.1")
    for name, schema in DOCUMENT["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
        assert schema, name
    for name in DOCUMENT["components"]["schemas"]:
        _validator(name)  # every $ref resolves


def test_it_describes_every_json_endpoint(world: World) -> None:
    """Every URL that answers JSON (found by opening each as a role allowed it) is in the
    description, and every path described resolves."""
    answering_json = set()
    for name in all_url_names():
        expectation = expectation_for(name)
        if name.startswith("admin:") or expectation is None or expectation.raw_url:
            continue
        role = next((r for r in ROLES if r in expectation.allowed), None)
        if role is None:
            continue
        response = fetch(world, role, name, expectation)
        if response.get("Content-Type", "").startswith("application/json"):
            answering_json.add(reverse(name, kwargs=expectation.kwargs(world)))
    described = [_templated(path) for path in DOCUMENT["paths"]]  # "/x/{id}/" as a pattern
    undescribed = {p for p in answering_json if not any(t.fullmatch(p) for t in described)}
    assert not undescribed, undescribed
    assert "/learn/api/responses" in answering_json
    resolver = get_resolver()
    assert all(resolver.resolve(re.sub(r"\{[^}]+\}", "1", path)) for path in DOCUMENT["paths"])


def _templated(path: str) -> re.Pattern[str]:
    """A described path with its {parameters} as a pattern matching one path segment."""
    parts = re.split(r"(\{[^}]+\})", path)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


def test_real_answers_match_the_documented_bodies(world: World) -> None:
    lw = learning_world(world)
    client = Client()
    client.force_login(world.student)
    body = {"client_id": str(uuid.uuid4()), "item_id": lw.items[0].pk, "answer": "3"}
    first = client.post("/learn/api/responses", body, content_type="application/json")
    again = client.post("/learn/api/responses", body, content_type="application/json")
    bad = client.post(
        "/learn/api/responses", {**body, "item_id": True}, content_type="application/json"
    )
    assert (first.status_code, again.status_code, bad.status_code) == (201, 200, 400)
    _validator("Answer").validate(body)
    _validator("AnswerResult").validate(first.json())
    _validator("AnswerResult").validate(again.json())
    _validator("Errors").validate(bad.json())
    assert not _validator("Answer").is_valid({**body, "item_id": True})


def test_a_synced_batch_and_the_sync_status_match_the_documented_bodies(world: World) -> None:
    lw = learning_world(world)
    client = Client()
    client.force_login(world.student)
    now = timezone.now()
    answer = {
        "client_id": str(uuid.uuid4()),
        "item": lw.items[0].pk,
        "answer": "3",
        "client_time": now.isoformat(),
        "activity": lw.practice.pk,
    }
    retired = {**answer, "client_id": str(uuid.uuid4()), "item": 2**40}
    naive = {**answer, "client_id": str(uuid.uuid4()), "client_time": "2026-12-06T08:00:00"}
    batch = {"answers": [answer, retired, naive]}
    first = client.post("/learn/api/answers/batch", batch, content_type="application/json")
    again = client.post("/learn/api/answers/batch", batch, content_type="application/json")
    bad = client.post(
        "/learn/api/answers/batch", {"answers": [{**answer, "client_time": 7}]},
        content_type="application/json",
    )  # fmt: skip
    status = client.get("/learn/api/sync-status")
    assert [first.status_code, again.status_code, bad.status_code, status.status_code] == [
        200, 200, 400, 200,
    ]  # fmt: skip
    _validator("AnswerBatch").validate(batch)
    for response in (first, again):
        _validator("BatchResult").validate(response.json())
    assert [r["status"] for r in first.json()["results"]] == ["stored", "refused", "refused"]
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "refused", "refused"]
    _validator("Errors").validate(bad.json())
    assert "answers[0].client_time" in bad.json()["errors"]
    _validator("SyncStatus").validate(status.json())


def _signed_in_cookies(world: World) -> dict[str, str]:
    client = Client()
    client.force_login(world.student)
    return {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF}


@pytest.fixture
def whole_requests() -> Iterator[None]:
    """schemathesis calls Django's real WSGI handler, whose request signals close database
    connections; inside a test's transaction that would close it (as Django's test client
    knows, and avoids the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def answer_operation(client: Client) -> Any:
    """The answer operation as served, less its security: the harness signs in as a student
    (who may answer what is the URL-by-role test's), so schemathesis does not vary it."""
    document = client.get(reverse("openapi")).json()
    for operation in document["paths"].values():
        for method in operation.values():
            method.pop("security", None)
    schema = schemathesis.openapi.from_dict(document)
    schema.app = WSGIHandler()
    return schema["/learn/api/responses"]["POST"]


def _with_real_item(case: Any, item_id: int) -> Any:
    """Half the cases answer an item the student may answer, so grading and storing run."""
    if isinstance(case.body, dict) and "item_id" in case.body:
        case.body = {**case.body, "item_id": item_id}
    return case


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis_fuzzes_the_answer_api(
    world: World, answer_operation: Any, mode: GenerationMode, whole_requests: None
) -> None:
    lw: LearningWorld = learning_world(world)
    cookies, headers = _signed_in_cookies(world), {"X-CSRFToken": CSRF}
    item_ids = [item.pk for item in lw.items]
    cases = answer_operation.as_strategy(generation_mode=mode)
    real = st.builds(_with_real_item, cases, st.sampled_from(item_ids))

    @given(case=st.one_of(cases, real))
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def fuzz(case: Any) -> None:
        before = Response.objects.count()
        case.headers = {**(case.headers or {}), **headers}  # negative cases drop it otherwise
        response = case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)
        stored = Response.objects.count() - before
        assert response.status_code != 403, response.text[:200]  # signed in, CSRF passed
        if response.status_code >= 400:
            assert stored == 0, "a refused answer was stored"
        if response.status_code == 201:
            assert case.body["item_id"] in item_ids and stored == 1

    fuzz()
