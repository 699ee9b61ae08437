"""Buttons a role cannot use are not shown: walk the demo school as each demo person,
follow every link each page shows them, and check every form's target.

A link must open (no 403, no 404: a button that leads to "You do not have access" is a
bug, as is a dead link). A form that posts is submitted as the page shows it, inside a
transaction rolled back at once: it may be refused for what it says (400), never for who
sent it (403, 404) and never with a crash.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from learnloop.accounts.models import User
from learnloop.demo.seed import seed_demo
from learnloop.learning.tests.fixtures import learning_world
from learnloop.testing.world import ROLES, World

pytestmark = pytest.mark.django_db

PEOPLE = ["principal", "rivera", "okafor", "maya", "jamal", "lin.chen"]
SKIPPED = ("/admin/", "/static/", "/media/", "/accounts/logout")
PER_URL_NAME = 3  # instances of one route followed: enough to meet each kind of row
MAX_PAGES = 250


@dataclass
class Form:
    action: str | None
    fields: dict[str, str] = field(default_factory=dict)  # what submitting it unchanged sends


class Targets(HTMLParser):
    """The links and the posting forms of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.posts: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        name = found.get("name", "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"])
        elif tag == "form":
            posts = found.get("method", "get").lower() == "post"
            self._form = Form(found.get("action") or None) if posts else None
            if self._form is not None:
                self.posts.append(self._form)
        elif self._form is None or not name:
            if tag == "option" and self._form is not None and self._select:
                self._form.fields.setdefault(self._select, found.get("value", ""))
        elif tag == "input" and found.get("type", "text") not in ("checkbox", "radio", "file"):
            self._form.fields[name] = found.get("value", "")
        elif tag == "input" and "checked" in found:
            self._form.fields[name] = found.get("value", "on")
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._form.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _local(page: str, href: str) -> str | None:
    url = urljoin(page, href)
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
        return None
    if parts.path.startswith(SKIPPED):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def walk(person: User) -> tuple[int, list[str]]:
    """How many pages the person reached from home, and every problem met on the way."""
    client = Client()
    client.force_login(person)
    seen, per_name, problems, pages = {"/"}, Counter[str](), [], 0
    queue = deque([("/", "home")])
    while queue and len(seen) < MAX_PAGES:
        url, came_from = queue.popleft()
        response = client.get(url)
        if response.status_code in (301, 302):
            continue
        if response.status_code >= 400:
            problems.append(f"{url} ({response.status_code}), linked from {came_from}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        targets = Targets()
        targets.feed(response.content.decode())
        for form in targets.posts:
            target = _local(url, form.action or url)
            name = _name(target) if target else None
            if target is None or name is None or per_name[f"post {name}"] >= PER_URL_NAME:
                continue
            per_name[f"post {name}"] += 1
            status = _post_and_undo(client, target, form.fields)
            if status in (403, 404) or status >= 500:
                problems.append(f"a form on {url} posts to {target} ({status})")
        for href in targets.links:
            target = _local(url, href)
            if target is None or target in seen:
                continue
            name = _name(target) or target
            if per_name[name] >= PER_URL_NAME:
                continue
            per_name[name] += 1
            seen.add(target)
            queue.append((target, url))
    return pages, problems


class _Undo(Exception):
    pass


def _post_and_undo(client: Client, url: str, data: dict[str, str]) -> int:
    """The status of submitting the form unchanged; whatever it wrote is rolled back."""
    status = 0
    try:
        with transaction.atomic():
            status = client.post(url, data).status_code
            raise _Undo
    except _Undo:
        pass
    return status


def _name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def test_every_link_and_button_shown_to_a_demo_person_is_theirs_to_use() -> None:
    seed_demo()
    problems = []
    for username in PEOPLE:
        pages, found = walk(User.objects.get(username=username))
        assert pages >= 4, f"{username} reached only {pages} pages: the walk proves nothing"
        problems += [f"{username}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_every_link_and_button_shown_in_the_test_world_is_theirs_to_use(world: World) -> None:
    """The test world has a second school (its admin sees none of the first) and people
    on each side of each boundary."""
    learning_world(world)
    problems = []
    for role in [*ROLES[1:], "foreign_admin"]:
        person = getattr(world, role)
        _, found = walk(person)
        problems += [f"{role}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
