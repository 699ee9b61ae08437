"""Private stays private: every page, as every role, against the reading rules.

One record of each private kind about the world's student carries a unique marker
(private_records.py). Every URL the URL-by-role test walks is fetched with GET as every
person of the test world (the same arguments as there), plus the pages of the seeded
records themselves. HTML, CSV, JSON and the progress report's PDF (its drawn text) are
searched: a marker may appear only where privacy.rules lets that person read its kind.
The walk also checks the other way, that each allowed reader does find every marker
somewhere, so a page that stopped showing anything would not pass unnoticed.

Not walked: POST endpoints (they redirect or answer with a form) and the data-rights
export, which is the student's own data handed over on request (docs/privacy.md).
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.test import Client
from django.urls import reverse

from learnloop.privacy.rules import Record, may_read, reader_of
from learnloop.privacy.tests.private_records import (
    MARKERS,
    SELF_ASSESSMENT_SIGNS,
    pdf_text,
    seed_private_records,
)
from learnloop.testing.world import ROLES, World
from learnloop.web.tests.test_url_access import all_url_names, expectation_for

PEOPLE = (*ROLES, "foreign_admin")


def _urls(world: World, records: object) -> list[str]:
    urls = []
    for name in all_url_names():
        expectation = expectation_for(name)
        if expectation is None or expectation.method != "get" or expectation.json:
            continue
        if expectation.raw_url is not None:
            urls.append(expectation.raw_url(world))
        else:
            urls.append(reverse(name, kwargs=expectation.kwargs(world)))
    conference, unshared = records.conference, records.unshared  # type: ignore[attr-defined]
    urls += [
        reverse("conferences_detail", args=[conference.pk]),
        reverse("portfolio_artifact", args=[unshared.pk]),
        reverse("gradebook_cell", args=[world.student.pk, _rated_standard_id(world)]),
    ]
    return sorted(set(urls))


def _rated_standard_id(world: World) -> int:
    from learnloop.learning.tests.fixtures import learning_world

    return learning_world(world).standards["6.RP.A.2"].pk


def _text(response: object) -> str:
    content_type = response.get("Content-Type", "")  # type: ignore[attr-defined]
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        body = response.content  # type: ignore[attr-defined]
    if content_type.startswith("application/pdf"):
        return pdf_text(body)
    return body.decode("utf-8", errors="replace")


def _found(text: str) -> set[Record]:
    found = {record for record, marks in MARKERS.items() if any(m in text for m in marks)}
    if SELF_ASSESSMENT_SIGNS.search(text):
        found.add(Record.SELF_ASSESSMENT)
    return found


@pytest.mark.django_db
def test_no_private_record_reaches_a_reader_the_rules_keep_it_from(world: World) -> None:
    records = seed_private_records(world)
    urls = _urls(world, records)
    assert len(urls) > 80, "the walk lost its URL list"
    leaks: list[str] = []
    seen: dict[str, set[Record]] = defaultdict(set)
    for person in PEOPLE:
        user = world.user(person)
        client = Client()
        if user is not None:
            client.force_login(user)
        reader = reader_of(user, world.student) if user is not None else None
        for url in urls:
            found = _found(_text(client.get(url)))
            seen[person] |= found
            leaks += [f"{person} reads {record} on {url}" for record in found
                      if not may_read(reader, record)]  # fmt: skip
    assert not leaks, "\n".join(leaks)
    missing = [
        f"{person} never finds {record}"
        for person in PEOPLE
        if world.user(person) is not None
        for record in (*MARKERS, Record.SELF_ASSESSMENT)
        if may_read(reader_of(world.user(person), world.student), record)  # type: ignore[arg-type]
        and record not in seen[person]
    ]
    assert not missing, "\n".join(missing)
