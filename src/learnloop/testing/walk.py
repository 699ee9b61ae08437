"""Walk the site as one person: from home, follow every link each page shows them (a few
of each route), and submit each posting form as shown inside a transaction rolled back
at once. What each page holds is handed to a check (`on_page`), so one walk serves
several invariants: web/tests/test_links_by_role.py (every link and button is theirs to
use), demo/tests/test_skill_names_on_pages.py (no page names a skill by its machine code).
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from learnloop.accounts.models import User

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


PageCheck = Callable[[str, str], list[str]]  # (url, html) -> the problems on that page


def walk(
    person: User, *, posts: bool = True, on_page: PageCheck | None = None
) -> tuple[int, list[str]]:
    """How many pages the person reached from home, and every problem met on the way
    (`posts=False`: forms are not submitted; `on_page`: each page's own problems)."""
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
        page = response.content.decode()
        if on_page is not None:
            problems += on_page(url, page)
        targets = Targets()
        targets.feed(page)
        for form in targets.posts if posts else ():
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
