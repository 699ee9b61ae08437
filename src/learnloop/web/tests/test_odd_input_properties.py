"""Property tests: odd strings and numbers into every form field, query parameter and
JSON field, as each role, on whichever database the suite runs on (SQLite and PostgreSQL
in `make test`).

The forms and their fields are not listed by hand: every page of the URL-by-role table is
opened as a role allowed to see it, and each form on it is read from the HTML. A property
fails on any 500, and on a 400 that stored something.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from learnloop.learning.models import Response
from learnloop.learning.tests.fixtures import LearningWorld, learning_world
from learnloop.testing.world import World
from learnloop.web.tests.test_url_access import all_url_names, expectation_for

QUICK = settings(
    max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
FEW = settings(QUICK, max_examples=3)  # each example walks every page or form
# Parameters the views read from the query string, besides those their forms name.
QUERY_PARAMETERS = (
    "unit",
    "group",
    "sort",
    "page",
    "q",
    "standard",
    "kind",
    "modality",
    "next",
    "school",
)
PROBES = [
    "²",
    "①",
    "6.RP.²",
    "1" * 25,
    "9" * 5000,
    "-1",
    "0",
    "1e400",
    "Infinity",
    "NaN",
    "",
    " ",
    "\x00",
    "a\x00b",
    "true",
    "١٢",
    "0x10",
    "1.5",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "x" * 5000,
]
ALWAYS = ("²", "9" * 5000, "1" * 25, "a\x00b", "①")
# A browser cannot send an unpaired surrogate in a form or URL (it is not UTF-8), so the
# form strategies leave category Cs out; JSON can, and the JSON property sends them.
ODD_TEXT = st.one_of(
    st.sampled_from(PROBES),
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers().map(str),
    st.floats().map(str),
)


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Page:
    url: str
    role: str
    forms: list[Form]


class FormReader(HTMLParser):
    """The forms of a page: method, action and each field's submitted value(s)."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url, self.forms, self._select = url, [], None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("method", "get").lower(), a.get("action") or self.url))
        elif not self.forms or not a.get("name"):
            return
        elif tag in ("input", "textarea", "button"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                self.forms[-1].fields.setdefault(a["name"], [])
            elif kind not in ("submit", "image", "file", "button") or tag == "textarea":
                self.forms[-1].fields.setdefault(a["name"], []).append(a.get("value", ""))
        elif tag == "select":
            self._select = a["name"]
            self.forms[-1].fields.setdefault(a["name"], [])
        elif tag == "option" and self._select and not self.forms[-1].fields[self._select]:
            self.forms[-1].fields[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def _client(world: World, role: str) -> Client:
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def _pages(world: World) -> list[Page]:
    """Every page of the project (not Django's own admin) as the first role allowed it."""
    learning_world(world)
    pages = []
    for name in all_url_names():
        expectation = expectation_for(name)
        if name.startswith("admin:") or expectation is None or expectation.method != "get":
            continue
        role = next(
            (
                r
                for r in ("student", "teacher", "guardian", "admin", "anonymous")
                if r in expectation.allowed
            ),
            None,
        )
        if role is None or expectation.raw_url is not None:
            continue
        url = reverse(name, kwargs=expectation.kwargs(world))
        response = _client(world, role).get(url)
        reader = FormReader(url)
        if response.get("Content-Type", "").startswith("text/html"):
            reader.feed(response.content.decode())
        pages.append(Page(url, role, reader.forms))
    return pages


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in ("sessions", "admin")
    }


@pytest.fixture
def pages(world: World) -> list[Page]:
    found = _pages(world)
    assert len(found) > 40, "the walk found too few pages"
    assert sum(len(p.forms) for p in found) > 20, "the walk found too few forms"
    return found


def _with_probes(test: Any) -> Any:
    """The probes that broke pages are always tried; hypothesis adds its own on top."""
    for probe in ALWAYS:
        test = example(value=probe, which=0)(test)
    return test


def test_odd_query_parameters_never_fail_a_page(world: World, pages: list[Page]) -> None:
    """Each example sends one odd value in every parameter each page could read."""
    clients = {role: _client(world, role) for role in {page.role for page in pages}}
    targets = []
    for page in pages:
        names = {n for f in page.forms if f.method == "get" for n in f.fields}
        targets.append((page, sorted(names | set(QUERY_PARAMETERS))))

    @given(value=ODD_TEXT, which=st.integers(0, 20))
    @_with_probes
    @FEW
    def probe(value: str, which: int) -> None:
        for page, names in targets:
            params = {name: value for name in names}
            response = clients[page.role].get(page.url, params)
            assert response.status_code < 500, (page.url, value)

    probe()


def test_odd_form_fields_never_fail_and_a_refusal_stores_nothing(
    world: World, pages: list[Page]
) -> None:
    """Each example posts every form once: with all its fields odd, or with one field odd
    (chosen by `which`) and the others as the page filled them, so valid forms are reached."""
    forms = {
        (form.action, tuple(sorted(form.fields))): (page, form)
        for page in pages
        for form in page.forms
        if form.method == "post" and set(form.fields) - {"csrfmiddlewaretoken"}
    }  # each form once (the sign-out button is on every page)
    assert len(forms) > 15

    @given(value=ODD_TEXT, which=st.integers(0, 20))
    @_with_probes
    @FEW
    def probe(value: str, which: int) -> None:
        for page, form in forms.values():
            names = sorted(set(form.fields) - {"csrfmiddlewaretoken"})
            odd = names if which == 0 else [names[which % len(names)]]
            data = {**form.fields, **{name: [value] for name in odd}}
            before = _row_counts()
            response = _client(world, page.role).post(form.action, data)
            assert response.status_code < 500, (form.action, odd, value)
            if response.status_code == 400:
                assert _row_counts() == before, (form.action, odd, value)

    probe()


JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.integers(min_value=10**25, max_value=10**60),
        st.floats(),  # NaN and infinities included: json.dumps writes them as NaN/Infinity
        st.text(),  # unpaired surrogates and NUL included
        st.sampled_from(PROBES),
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
).map(json.dumps)
# JSON text that json.dumps would not write: what a hand-made client can send.
RAW_JSON = st.sampled_from(
    [
        "Infinity",
        "-Infinity",
        "NaN",
        "1e400",
        "-1e400",
        "9" * 5000,
        "1" * 25,
        "[" * 5000 + "]" * 5000,
        '"\\ud800"',
        '"a\\u0000b"',
        '["\\udfff"]',
        "true",
    ]
)
ANSWER_FIELDS = ("client_id", "item_id", "answer", "hints_used", "seconds", "activity_id")


def test_odd_json_fields_never_fail_and_a_refusal_stores_nothing(world: World) -> None:
    lw: LearningWorld = learning_world(world)
    client = _client(world, "student")

    @given(name=st.sampled_from(ANSWER_FIELDS), value=RAW_JSON | JSON_VALUES)
    @QUICK
    def probe(name: str, value: str) -> None:
        fields = {
            "client_id": json.dumps(str(uuid.uuid4())),
            "item_id": str(lw.items[0].pk),
            "answer": '"3"',
            name: value,
        }
        text = "{" + ", ".join(f'"{key}": {raw}' for key, raw in fields.items()) + "}"
        before = Response.objects.count()
        response = client.post("/learn/api/responses", text, content_type="application/json")
        # 404: a well-formed id of no item the student may answer (another school's, none).
        assert response.status_code in (200, 201, 400, 403, 404), (name, value, response.content)
        assert response["Content-Type"] == "application/json"
        if response.status_code >= 400:
            assert Response.objects.count() == before
            assert response.json()["errors"]

    probe()
